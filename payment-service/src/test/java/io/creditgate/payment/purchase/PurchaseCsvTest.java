package io.creditgate.payment.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** CSV injection: what a person typed never runs as a formula when finance opens an export in a spreadsheet. */
class PurchaseCsvTest {

    @Test
    void prefixesTextASpreadsheetWouldRunAsAFormula() {
        for (String formula : List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(PurchaseCsv.cell(formula)).isEqualTo("'" + formula);
        }
    }

    @Test
    void leavesNumbersPlainTextAndNullsAsTheyAre() {
        assertThat(PurchaseCsv.cell(-500L)).isEqualTo(-500L);
        assertThat(PurchaseCsv.cell("bank transfer 2026-12 = paid")).isEqualTo("bank transfer 2026-12 = paid");
        assertThat(PurchaseCsv.cell(null)).isNull();
        assertThat(PurchaseCsv.cell("")).isEqualTo("");
    }

    @Test
    void anExportCarriesTheQuotedCell() {
        String csv = PurchaseCsv.response("x.csv", List.of("note", "credits"), List.of(1),
                line -> Arrays.asList("=cmd|' /C calc'!A0", -5L)).getBody();
        String row = csv.split("\r\n")[1];
        assertThat(row).matches("\"?'=cmd\\|' /C calc'!A0\"?,-5");
    }
}
