/** The page sizes every server-paged grid offers (the services cap a page at 100 or more). */
export const GRID_PAGE_SIZES = [25, 50, 100];
