import { describe, expect, it } from 'vitest';
import { centsToCsvNumber, toCsv } from './csv';

const cells = (csv: string) =>
	csv
		.replace('\uFEFF', '')
		.trimEnd()
		.split('\r\n')
		.map((line) => line.split(';'));

describe('toCsv', () => {
	it('turns formula-leading text into plain text', () => {
		const [row] = cells(
			toCsv([['=HYPERLINK("http://evil.example","clic")', '@SUM(A1:A2)', '+33 1 23', '-2+3', '\tx', 'Libellé']])
		);
		expect(row).toEqual([
			`"'=HYPERLINK(""http://evil.example"",""clic"")"`,
			"'@SUM(A1:A2)",
			"'+33 1 23",
			"'-2+3",
			"'\tx",
			'Libellé'
		]);
	});

	it('quotes a cell starting with a carriage return after neutralising it', () => {
		expect(toCsv([['\r=1+1']])).toBe('\uFEFF"\'\r=1+1"\r\n');
	});

	it('leaves numbers as numbers, negative ones included', () => {
		const [row] = cells(toCsv([[centsToCsvNumber(-1250), -3.5, centsToCsvNumber(600000), '2025-12-15']]));
		expect(row).toEqual(['-12,50', '-3,5', '6000,00', '15/12/2025']);
	});
});
