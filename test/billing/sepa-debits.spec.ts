import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import type {
  AccountView,
  DebitFileView,
  MandateView,
  PaymentView,
  ReturnsImportView,
} from '@portail/contracts';
import { Clock } from '@portail/service-kit';
import { DebitSettlementJob } from '../../services/billing/src/sepa/debit-settlement.job';
import { SmtpCatcher } from '../notification/smtp-catcher';
import { expectStatus } from '../support/directory-actors';
import { eventually } from '../support/eventually';
import {
  aPostBillingSystem,
  RUN_DAY,
  type BilledChild,
  type PostBillingFixture,
} from './postbilling-fixture';
import { aMandateOf, CREDITOR, IBANS, ibanPattern, mandatesOf, sepaEnv } from './sepa-fixture';

const SCHEMA = readFileSync(join(__dirname, '../fixtures/sepa/pain.008.001.02.xsd'), 'utf8');
const OCTOBER = '2026-10';
const SEPTEMBER = '2026-09';
const COLLECTION = '2026-11-20';

interface Family {
  child: BilledChild;
  iban: string;
  mandate?: MandateView;
  invoiceId?: string;
  totalCents?: number;
}

/** A pain.008 element as fast-xml-parser reads it (texts kept as strings). */
type XmlNode = Record<string, unknown>;

/** The value at a dotted path of a parsed document. */
const at = (node: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as XmlNode | undefined)?.[key], node);
/** The text at a dotted path. */
const text = (node: unknown, path: string): string => at(node, path) as string;
/** The elements at a dotted path (fast-xml-parser gives one element alone, not in a list). */
const list = (node: unknown, path: string): XmlNode[] => {
  const value = at(node, path);
  return (Array.isArray(value) ? value : [value]) as XmlNode[];
};
const parse = (xml: string): XmlNode =>
  new XMLParser({ parseTagValue: false }).parse(xml) as XmlNode;

/**
 * The monthly SEPA debit file of a régie through the gateway, on real PostgreSQL, NATS and
 * SMTP: the invoices of families with an active mandate only, one pain.008.001.02 valid against
 * the ISO 20022 schema with counts and sums matching the invoices, FRST then RCUR, the
 * pre-notification e-mail, debits counted paid once their date passes, and returns that reopen
 * the invoice and tell the family. The IBANs never reach an answer, an event or a log.
 */
describe('billing: SEPA direct debit files and returns', () => {
  const smtp = new SmtpCatcher();
  let fixture: PostBillingFixture;
  let now = RUN_DAY;
  /**
   * Online mandate (returned later), paper mandate (settled then returned), revoked mandate, no
   * mandate, amended to another bank, recurring (FRST in October, RCUR in September's file).
   */
  const families: Record<'lou' | 'max' | 'rev' | 'none' | 'amy' | 'rob', Family> = {} as never;
  let october: DebitFileView;

  const filePath = () => `/agent/regies/${fixture.regie.id}/direct-debits`;
  const createFile = (month: string, collectionDate: string) =>
    fixture.call<DebitFileView>('POST', filePath(), fixture.agent.actor, {
      month,
      collectionDate,
    });
  const invoiceOf = async (family: Family, invoiceId = family.invoiceId) =>
    expectStatus(
      await fixture.call<AccountView>('GET', '/me/invoices', family.child.family),
      200,
    ).invoices.find((invoice) => invoice.id === invoiceId)!;
  const xmlOf = async (file: DebitFileView) => {
    const response = await fetch(
      `${fixture.system.gatewayUrl}/api/v1${filePath()}/${file.id}/pain008.xml`,
      { headers: fixture.agent.actor.authorization },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await response.text();
    // Joined by the gateway from parts of SEPA_XML_PART_BYTES (1 KiB here).
    expect(Buffer.byteLength(xml)).toBeGreaterThan(2_048);
    return xml;
  };
  const importReturns = (csv: string) =>
    fixture.call<ReturnsImportView>(
      'POST',
      `/agent/regies/${fixture.regie.id}/direct-debit-returns`,
      fixture.agent.actor,
      { csv },
    );
  const lineOf = (file: DebitFileView, family: Family) =>
    file.lines!.find((line) => line.householdId === family.child.householdId)!;

  beforeAll(async () => {
    const port = await smtp.listen();
    fixture = await aPostBillingSystem(true, {
      ...sepaEnv(),
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_POLL_INTERVAL_MS: '50',
    });
    jest
      .spyOn(fixture.system.service('billing').app.get(Clock), 'now')
      .mockImplementation(() => now);
    const names = {
      lou: 'Lou',
      max: 'Max',
      rev: 'Rev',
      none: 'Nina',
      amy: 'Amy',
      rob: 'Rob',
    } as const;
    const ibans = {
      lou: IBANS.first,
      max: IBANS.bnp,
      rev: IBANS.third,
      none: IBANS.first,
      amy: IBANS.sameBank,
      rob: IBANS.third,
    };
    for (const key of Object.keys(names) as Array<keyof typeof names>) {
      const child = await fixture.aFamilyWithAChild(names[key]);
      families[key] = { child, iban: ibans[key] };
      await fixture.attended(child, '2026-10-05', 'present');
      await fixture.attended(child, '2026-10-06', 'present');
      await fixture.attended(child, '2026-09-07', 'present');
    }
    families.lou.mandate = await aMandateOf(fixture, families.lou.child.family, IBANS.first);
    families.rev.mandate = await aMandateOf(fixture, families.rev.child.family, IBANS.third);
    families.amy.mandate = await aMandateOf(fixture, families.amy.child.family, IBANS.sameBank);
    families.rob.mandate = await aMandateOf(fixture, families.rob.child.family, IBANS.third);
    families.max.mandate = expectStatus(
      await fixture.call<MandateView>(
        'POST',
        `/agent/regies/${fixture.regie.id}/direct-debit-mandates`,
        fixture.agent.actor,
        {
          householdId: families.max.child.householdId,
          debtorName: 'Max LÉGER',
          iban: IBANS.bnp,
          bic: 'BNPAFRPP',
          signedOn: '2026-09-01',
        },
      ),
      201,
    );
    expectStatus(
      await fixture.call(
        'POST',
        `/me/direct-debit-mandates/${families.rev.mandate.id}/revocation`,
        families.rev.child.family,
        {},
      ),
      200,
    );
    // Lou's family wants no invoice e-mails: the pre-notification is owed to it all the same.
    expectStatus(
      await fixture.call('PUT', '/me/notification-preferences', families.lou.child.family, {
        emails: { invoices: false },
      }),
      200,
    );
    await fixture.lock(OCTOBER);
    const run = await fixture.run(OCTOBER, false);
    for (const family of Object.values(families)) {
      const billed = run.households.find((item) => item.householdId === family.child.householdId)!;
      family.invoiceId = billed.invoiceId!;
      family.totalCents = (await invoiceOf(family)).totalCents;
    }
  }, 240_000);

  afterAll(async () => {
    await fixture?.close();
    await smtp.close();
  });

  it('refuses a collection date before the pre-notification delay or on a TARGET2 closing day', async () => {
    for (const day of ['2026-11-10', '2026-11-16', '2026-11-21']) {
      const response = await createFile(OCTOBER, day);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'SEPA_COLLECTION_DATE_INVALID',
        details: { earliest: '2026-11-17' },
      });
    }
  });

  it('makes one file for the month (even asked twice at once), with the mandated invoices only', async () => {
    const [first, second] = await Promise.all([
      createFile(OCTOBER, COLLECTION),
      createFile(OCTOBER, COLLECTION),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    october = first.body;
    const debited = [families.lou, families.max, families.amy, families.rob];
    const sum = debited.reduce((total, family) => total + family.totalCents!, 0);
    expect(october).toMatchObject({
      regieId: fixture.regie.id,
      month: OCTOBER,
      collectionDate: COLLECTION,
      creditorId: CREDITOR.creditorId,
      creditorIbanMasked: 'FR76 **** **** **** **** **** 185',
      transactionCount: 4,
      controlSumCents: sum,
      groups: [{ sequence: 'FRST', count: 4, sumCents: sum }],
    });
    expect(october.lines!.map((line) => line.householdId).sort()).toEqual(
      debited.map((family) => family.child.householdId).sort(),
    );
    expect(lineOf(october, families.max)).toMatchObject({
      invoiceId: families.max.invoiceId,
      amountCents: families.max.totalCents,
      rum: families.max.mandate!.rum,
      ibanMasked: 'FR76 **** **** **** **** **** 188',
      sequence: 'FRST',
      state: 'announced',
      debtorName: 'Max LÉGER',
    });
    const text = JSON.stringify([first.body, second.body]);
    for (const iban of [...Object.values(IBANS), CREDITOR.iban]) {
      expect(text).not.toMatch(ibanPattern(iban));
    }
    const again = await createFile(OCTOBER, '2026-11-24');
    expect(again.body.id).toBe(october.id);
    const listed = expectStatus(
      await fixture.call<DebitFileView[]>('GET', filePath(), fixture.agent.actor),
      200,
    );
    expect(listed.map((file) => file.id)).toEqual([october.id]);
    expect((await fixture.call('GET', filePath(), fixture.outsider.actor)).status).toBe(403);
    // A town's month is thousands of lines: one file's lines come a page at a time.
    const page = (query: string) =>
      fixture.call<DebitFileView>(
        'GET',
        `${filePath()}/${october.id}${query}`,
        fixture.agent.actor,
      );
    const pages = [
      expectStatus(await page('?pageSize=3'), 200),
      expectStatus(await page('?pageSize=3&page=2'), 200),
    ];
    expect(pages.map((view) => [view.page, view.pageSize, view.lines!.length])).toEqual([
      [1, 3, 3],
      [2, 3, 1],
    ]);
    expect(pages.flatMap((view) => view.lines!.map((line) => line.id)).sort()).toEqual(
      october.lines!.map((line) => line.id).sort(),
    );
    expect((await page('?pageSize=501')).status).toBe(400);
  });

  it('writes a pain.008.001.02 valid against the ISO 20022 schema, its sums and counts the invoices’', async () => {
    const xml = await xmlOf(october);
    const result = await validateXML({
      xml: [{ fileName: 'october.xml', contents: xml }],
      schema: [{ fileName: 'pain.008.001.02.xsd', contents: SCHEMA }],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const initiation = at(parse(xml), 'Document.CstmrDrctDbtInitn');
    const euros = (cents: number) => (cents / 100).toFixed(2);
    expect(text(initiation, 'GrpHdr.NbOfTxs')).toBe('4');
    expect(text(initiation, 'GrpHdr.CtrlSum')).toBe(euros(october.controlSumCents));
    const groups = list(initiation, 'PmtInf');
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(text(group, 'PmtTpInf.SeqTp')).toBe('FRST');
    expect(text(group, 'PmtTpInf.LclInstrm.Cd')).toBe('CORE');
    expect(text(group, 'ReqdColltnDt')).toBe(COLLECTION);
    expect(text(group, 'CdtrSchmeId.Id.PrvtId.Othr.Id')).toBe(CREDITOR.creditorId);
    expect(text(group, 'CdtrAcct.Id.IBAN')).toBe(CREDITOR.iban);
    const transactions = list(group, 'DrctDbtTxInf');
    expect(text(group, 'NbOfTxs')).toBe(String(transactions.length));
    expect(text(group, 'CtrlSum')).toBe(
      euros(october.lines!.reduce((total, line) => total + line.amountCents, 0)),
    );
    for (const family of [families.lou, families.max, families.amy, families.rob]) {
      const line = lineOf(october, family);
      const transaction = transactions.find(
        (item) => text(item, 'PmtId.EndToEndId') === line.reference,
      )!;
      expect(text(transaction, 'InstdAmt')).toBe(euros(family.totalCents!));
      expect(text(transaction, 'DrctDbtTx.MndtRltdInf.MndtId')).toBe(family.mandate!.rum);
      expect(text(transaction, 'DrctDbtTx.MndtRltdInf.AmdmntInd')).toBe('false');
      expect(text(transaction, 'DbtrAcct.Id.IBAN')).toBe(family.iban);
    }
    expect(
      text(
        transactions.find(
          (item) => text(item, 'PmtId.EndToEndId') === lineOf(october, families.max).reference,
        ),
        'Dbtr.Nm',
      ),
    ).toBe('Max LEGER');
  });

  it('keeps the debited invoices from being paid twice, and the family pre-notified by e-mail (even opted out of invoice e-mails)', async () => {
    const counter = await fixture.call(
      'POST',
      `/agent/invoices/${families.lou.invoiceId}/payments`,
      fixture.agent.actor,
      { method: 'cash', amountCents: 100, receivedOn: '2026-11-03' },
    );
    expect(counter.status).toBe(409);
    expect(counter.body).toMatchObject({ code: 'NOTHING_TO_PAY' });
    const mail = await eventually(
      () =>
        smtp
          .sentTo(families.lou.child.family.email)
          .find((item) => item.subject === 'Avis de prélèvement'),
      'the pre-notification',
    );
    const text = mail.text.replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain(`le 20 novembre 2026`);
    expect(text).toContain(families.lou.mandate!.rum);
    expect(text).toContain(CREDITOR.creditorId);
    expect(text).toContain(
      `${Math.floor(families.lou.totalCents! / 100)},${String(families.lou.totalCents! % 100).padStart(2, '0')} €`,
    );
    expect(text).not.toMatch(ibanPattern(IBANS.first));
    // Opted out of invoice e-mails: no "Votre facture est disponible", the notice still came.
    expect(smtp.sentTo(families.lou.child.family.email).map((item) => item.subject)).not.toContain(
      'Votre facture est disponible',
    );
    expect(smtp.sentTo(families.none.child.family.email)).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ subject: 'Avis de prélèvement' })]),
    );
    expect((await mandatesOf(fixture, families.lou.child.family))[0]).toMatchObject({
      nextSequence: 'RCUR',
      lastCollectedOn: COLLECTION,
    });
  });

  it('reopens the invoice when the bank returns the debit, tells the family, and applies a file once', async () => {
    const line = lineOf(october, families.lou);
    const csv = `reference;montant;motif;date\n${line.reference};${(line.amountCents / 100).toFixed(2).replace('.', ',')};AM04;2026-11-22\n`;
    const imported = expectStatus(await importReturns(csv), 200);
    expect(imported).toMatchObject({
      returned: 1,
      alreadyReturned: 0,
      lines: [
        {
          reference: line.reference,
          reasonCode: 'AM04',
          reasonLabel: 'Provision insuffisante',
          outcome: 'returned',
          invoiceId: families.lou.invoiceId,
          mandateRevoked: false,
        },
      ],
    });
    const invoice = await invoiceOf(families.lou);
    expect(invoice).toMatchObject({ status: 'issued', balanceCents: families.lou.totalCents });
    // The family may pay it another way now.
    const payment = expectStatus(
      await fixture.call<PaymentView>(
        'POST',
        `/me/invoices/${families.lou.invoiceId}/payments`,
        families.lou.child.family,
      ),
      201,
    );
    expect(payment).toMatchObject({ method: 'card', state: 'waiting' });
    const mail = await eventually(
      () =>
        smtp
          .sentTo(families.lou.child.family.email)
          .find((item) => item.subject === "Votre prélèvement n'a pas abouti"),
      'the returned debit e-mail',
    );
    expect(mail.text).toContain('(motif : provision insuffisante)');
    expect(mail.text).toContain(`n° ${invoice.number}`);
    const again = expectStatus(await importReturns(csv), 200);
    expect(again).toMatchObject({ returned: 0, alreadyReturned: 1 });
    expect(
      await fixture.count(
        `SELECT count(*)::int AS n FROM outbox WHERE type = 'billing.direct-debit.returned'`,
      ),
    ).toBe(1);
    const file = expectStatus(
      await fixture.call<DebitFileView>('GET', `${filePath()}/${october.id}`, fixture.agent.actor),
      200,
    );
    expect(lineOf(file, families.lou)).toMatchObject({
      state: 'returned',
      returnReason: 'AM04',
      returnLabel: 'Provision insuffisante',
      returnedOn: '2026-11-22',
    });
    // The first debit did not go through: the next one is a first one again.
    expect((await mandatesOf(fixture, families.lou.child.family))[0].nextSequence).toBe('FRST');
  });

  it('refuses a returns file with an unknown reference or a wrong amount, applying nothing', async () => {
    const line = lineOf(october, families.max);
    const response = await importReturns(
      `reference;montant;motif;date\n${line.reference};0,01;AM04;2026-11-22\nPF-unknown;1,00;AM04;2026-11-22\n`,
    );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'SEPA_RETURNS_FILE_INVALID',
      details: { lines: [{ line: 2 }, { line: 3 }] },
    });
    expect((await importReturns('not,a,csv')).status).toBe(422);
    expect((await importReturns('x'.repeat(400_001))).status).toBe(400);
    expect(
      await fixture.count(`SELECT count(*)::int AS n FROM sepa_debits WHERE state = 'returned'`),
    ).toBe(1);
  });

  it('counts the debits paid once their date passes; a later return still reopens the invoice', async () => {
    now = new Date('2026-11-21T08:00:00Z');
    await fixture.system.service('billing').app.get(DebitSettlementJob).runOnce();
    expect(await invoiceOf(families.max)).toMatchObject({ status: 'paid', balanceCents: 0 });
    const line = lineOf(october, families.max);
    const imported = expectStatus(
      await importReturns(
        `reference,montant,motif,date\n${line.reference},${(line.amountCents / 100).toFixed(2)},MD01,25/11/2026`,
      ),
      200,
    );
    expect(imported.lines[0]).toMatchObject({ outcome: 'returned', mandateRevoked: true });
    expect(await invoiceOf(families.max)).toMatchObject({
      status: 'issued',
      paidCents: 0,
      balanceCents: families.max.totalCents,
    });
    const [mandate] = await fixture.db.query<Array<{ state: string }>>(
      'SELECT state FROM sepa_mandates WHERE id = $1',
      [families.max.mandate!.id],
    );
    expect(mandate.state).toBe('revoked');
  });

  it('debits RCUR after a first debit, and FRST with the amendment after a change of bank', async () => {
    // Amy's October debit went through; she moves to another bank before September's file.
    expectStatus(
      await fixture.call(
        'POST',
        `/me/direct-debit-mandates/${families.amy.mandate!.id}/amendments`,
        families.amy.child.family,
        { iban: IBANS.otherBank, debtorName: 'Amy DUMAS' },
      ),
      201,
    );
    now = RUN_DAY;
    await fixture.lock(SEPTEMBER);
    const run = await fixture.run<{
      households: Array<{ householdId: string; invoiceId: string }>;
    }>(SEPTEMBER, false);
    const september = expectStatus(await createFile(SEPTEMBER, '2026-11-24'), 201);
    // Lou (returned: FRST again), Amy (new bank: FRST, amended), Rob (RCUR); Max and Rev revoked.
    const amyLine = lineOf(september, families.amy);
    expect(amyLine).toMatchObject({
      sequence: 'FRST',
      ibanMasked: 'FR14 **** **** **** **** **** 606',
    });
    expect(lineOf(september, families.lou).sequence).toBe('FRST');
    expect(lineOf(september, families.rob).sequence).toBe('RCUR');
    expect(september.lines!.map((line) => line.householdId).sort()).toEqual(
      [families.lou, families.amy, families.rob].map((family) => family.child.householdId).sort(),
    );
    const sumOf = (sequence: string) =>
      september
        .lines!.filter((line) => line.sequence === sequence)
        .reduce((total, line) => total + line.amountCents, 0);
    expect(september.groups).toEqual([
      { sequence: 'FRST', count: 2, sumCents: sumOf('FRST') },
      { sequence: 'RCUR', count: 1, sumCents: sumOf('RCUR') },
    ]);
    const xml = await xmlOf(september);
    const result = await validateXML({
      xml: [{ fileName: 'september.xml', contents: xml }],
      schema: [{ fileName: 'pain.008.001.02.xsd', contents: SCHEMA }],
    });
    expect(result.errors).toEqual([]);
    const initiation = at(parse(xml), 'Document.CstmrDrctDbtInitn');
    const groups = list(initiation, 'PmtInf');
    // FRST and RCUR in their own PmtInf, each with its count and control sum.
    expect(
      groups.map((group) => [
        text(group, 'PmtTpInf.SeqTp'),
        text(group, 'NbOfTxs'),
        text(group, 'CtrlSum'),
      ]),
    ).toEqual([
      ['FRST', '2', (sumOf('FRST') / 100).toFixed(2)],
      ['RCUR', '1', (sumOf('RCUR') / 100).toFixed(2)],
    ]);
    expect(text(initiation, 'GrpHdr.NbOfTxs')).toBe('3');
    expect(text(initiation, 'GrpHdr.CtrlSum')).toBe((september.controlSumCents / 100).toFixed(2));
    const transactions = groups.flatMap((group) => list(group, 'DrctDbtTxInf'));
    const amy = transactions.find((item) => text(item, 'PmtId.EndToEndId') === amyLine.reference);
    expect(text(amy, 'DrctDbtTx.MndtRltdInf.AmdmntInd')).toBe('true');
    expect(text(amy, 'DrctDbtTx.MndtRltdInf.AmdmntInfDtls.OrgnlDbtrAgt.FinInstnId.Othr.Id')).toBe(
      'SMNDA',
    );
    expect(text(amy, 'DbtrAcct.Id.IBAN')).toBe(IBANS.otherBank);
    expect(run.households.length).toBeGreaterThan(0);

    // Lou's September debit settles; November's next file would be RCUR (a recurring mandate).
    now = new Date('2026-11-25T08:00:00Z');
    await fixture.system.service('billing').app.get(DebitSettlementJob).runOnce();
    const [lou] = await mandatesOf(fixture, families.lou.child.family);
    expect(lou).toMatchObject({ nextSequence: 'RCUR', amendmentPending: false });
  });

  it('never writes an IBAN in an event or a log line', async () => {
    const events = await fixture.db.query<unknown[]>(
      `SELECT * FROM outbox WHERE type LIKE 'billing.%'`,
    );
    const logs = JSON.stringify(fixture.system.logs.lines);
    const written = JSON.stringify(events);
    expect(written).toContain('billing.direct-debit.announced');
    for (const iban of [...Object.values(IBANS), CREDITOR.iban]) {
      expect(written).not.toMatch(ibanPattern(iban));
      expect(logs).not.toMatch(ibanPattern(iban));
    }
  });
});
