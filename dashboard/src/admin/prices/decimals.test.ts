import { describe, expect, it } from 'vitest';
import { priceChangeJson } from '../prices';
import { decimalText, rateText, tokensText } from './decimals';

describe('rates as typed', () => {
  it('keeps the digits typed, with a point for a decimal comma and without leading zeros', () => {
    expect(decimalText('0.075')).toBe('0.075');
    expect(decimalText(' 0,075 ')).toBe('0.075');
    expect(decimalText('.5')).toBe('0.5');
    expect(decimalText('007.10')).toBe('7.10');
    expect(decimalText('0.000000000001')).toBe('0.000000000001');
    expect(decimalText('1000000')).toBe('1000000');
    expect(decimalText('')).toBe('');
  });

  it('refuses what the gateway would: signs, exponents, grouping, 13 decimals, above 1,000,000', () => {
    for (const bad of ['-1', '1e-7', '1,000.5', '0.0000000000001', '1000000.01', '10000000', 'abc', '.', '1.']) {
      expect(decimalText(bad), bad).toBeUndefined();
    }
  });

  it('takes whole token limits from 1 to 1,000,000,000', () => {
    expect(tokensText('16384')).toBe('16384');
    expect(tokensText('')).toBe('');
    for (const bad of ['0', '1.5', '1000000001', '-3']) expect(tokensText(bad), bad).toBeUndefined();
  });

  it('prefills a rate the gateway answered without an exponent', () => {
    expect(rateText(0.075)).toBe('0.075');
    expect(rateText(1e-7)).toBe('0.0000001');
    expect(rateText(null)).toBe('');
  });

  it('writes the request with the rates as JSON numbers, verbatim', () => {
    const text = priceChangeJson({ action: 'SET', model: 'm', price: { input: '0.10', output: '3' }, reason: 'why "now"' });
    expect(text).toBe('{"action":"SET","model":"m","price":{"input":0.10,"output":3},"reason":"why \\"now\\""}');
    expect(JSON.parse(text)).toEqual({ action: 'SET', model: 'm', price: { input: 0.1, output: 3 }, reason: 'why "now"' });
    expect(() => priceChangeJson({ action: 'SET', model: 'm', price: { input: '1e3', output: '1' }, reason: 'r' })).toThrow();
  });

  it('sends a model’s long-context tier back inside the price, so a SET keeps it', () => {
    const text = priceChangeJson({
      action: 'SET', model: 'gpt-5.4', price: { input: '2.5', output: '15' },
      longContext: { aboveTokens: 272000, input: 5, output: 22.5 }, reason: 'r',
    });
    expect(text).toBe('{"action":"SET","model":"gpt-5.4","price":{"input":2.5,"output":15,'
      + '"longContext":{"aboveTokens":272000,"input":5,"output":22.5}},"reason":"r"}');
  });
});
