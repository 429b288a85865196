/** Six decimals of a degree are about 10 cm: finer than any pin, and what is stored. */
export const roundCoordinate = (value: number) => Math.round(value * 1e6) / 1e6;
