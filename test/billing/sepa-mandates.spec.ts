import type { MandatePage, MandateView, RegieView } from '@portail/contracts';
import { ExportBillingData } from '../../services/billing/src/privacy/export-personal-data.use-case';
import { expectStatus, serviceOf } from '../support/directory-actors';
import { aPostBillingSystem, VICHY_REGIE, type PostBillingFixture } from './postbilling-fixture';
import {
  aMandateOf,
  CREDITOR,
  IBANS,
  ibanPattern,
  mandatesOf,
  sepaEnv,
  signMandate,
} from './sepa-fixture';

/**
 * SEPA mandates through the gateway, on real PostgreSQL and NATS: signed online by the family
 * (its consent recorded) or entered from paper by an agent of the régie, one active per
 * household and régie, the RUM unique per creditor, the IBAN checked (ibantools), stored
 * encrypted and answered masked, amended and revoked.
 */
describe('billing: SEPA mandates', () => {
  let fixture: PostBillingFixture;

  beforeAll(async () => {
    fixture = await aPostBillingSystem(false, sepaEnv());
  }, 180_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('records the online mandate with the family’s consent, its RUM and the IBAN masked', async () => {
    const { family, householdId } = await fixture.aFamilyWithAChild('Lou');
    const response = await fixture.call<MandateView>('POST', '/me/direct-debit-mandates', family, {
      regieId: fixture.regie.id,
      debtorName: 'Camille DUMAS',
      iban: 'fr76 3000 6000 0112 3456 7890 189',
      bic: 'sogefrpp',
      signedOn: '2026-11-03',
      consent: true,
    });
    const mandate = expectStatus(response, 201);
    expect(mandate).toMatchObject({
      regieId: fixture.regie.id,
      regieName: VICHY_REGIE.name,
      householdId,
      creditorId: CREDITOR.creditorId,
      debtorName: 'Camille DUMAS',
      ibanMasked: 'FR76 **** **** **** **** **** 189',
      bic: 'SOGEFRPP',
      signedOn: '2026-11-03',
      consent: { channel: 'online', recordedBy: family.accountId },
      state: 'active',
      nextSequence: 'FRST',
      amendmentPending: false,
    });
    expect(mandate.rum).toMatch(/^R000070-\d{7}$/);
    expect(JSON.stringify(response.body)).not.toMatch(ibanPattern(IBANS.first));
    const [row] = await fixture.db.query<Array<{ iban_ciphertext: string }>>(
      'SELECT iban_ciphertext FROM sepa_mandates WHERE id = $1',
      [mandate.id],
    );
    expect(row.iban_ciphertext).not.toMatch(ibanPattern(IBANS.first));
    expect(await mandatesOf(fixture, family)).toEqual([mandate]);
    // One active mandate per household and régie.
    const again = await signMandate(fixture, family, { iban: IBANS.sameBank });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'SEPA_MANDATE_EXISTS' });
  });

  it('refuses a bad IBAN or BIC, a signature in the future, a missing consent: 400 in French', async () => {
    const { family } = await fixture.aFamilyWithAChild('Noé');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ iban: 'FR7630006000011234567890188' }, 'iban'],
      [{ iban: 'BR1800360305000010009795493C1' }, 'iban'],
      [{ iban: 'x'.repeat(100) }, 'iban'],
      [{ bic: 'NOTABIC!' }, 'bic'],
      [{ consent: false }, 'consent'],
      [{ signedOn: '2026-02-30' }, 'signedOn'],
      [{ debtorName: 'Camille\u0000' }, 'debtorName'],
    ];
    for (const [change, field] of cases) {
      const response = await signMandate(fixture, family, change);
      const { code } = response.body as unknown as { code: string };
      expect({ field, status: response.status, code }).toEqual({
        field,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(JSON.stringify(response.body)).toContain(field);
    }
    const future = await signMandate(fixture, family, { signedOn: '2026-11-04' });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('futur');
  });

  it('lets the régie’s agents enter a paper mandate and list the régie’s, never an outsider', async () => {
    const { householdId } = await fixture.aFamilyWithAChild('Sacha');
    const paper = {
      householdId,
      debtorName: 'Dominique MARTIN',
      iban: IBANS.bnp,
      signedOn: '2026-10-01',
    };
    const outsider = await fixture.call(
      'POST',
      `/agent/regies/${fixture.regie.id}/direct-debit-mandates`,
      fixture.outsider.actor,
      paper,
    );
    expect(outsider.status).toBe(403);
    const mandate = expectStatus(
      await fixture.call<MandateView>(
        'POST',
        `/agent/regies/${fixture.regie.id}/direct-debit-mandates`,
        fixture.agent.actor,
        paper,
      ),
      201,
    );
    expect(mandate).toMatchObject({
      householdId,
      consent: { channel: 'paper', recordedBy: fixture.agent.id },
      ibanMasked: 'FR76 **** **** **** **** **** 188',
      bic: null,
    });
    const listed = await fixture.call<MandatePage>(
      'GET',
      `/agent/regies/${fixture.regie.id}/direct-debit-mandates`,
      fixture.agent.actor,
    );
    expect(expectStatus(listed, 200).items.map((item) => item.id)).toContain(mandate.id);
    expect(JSON.stringify(listed.body)).not.toMatch(ibanPattern(IBANS.bnp));
    // Thousands in a town: filtered and paged, the latest first.
    const page = expectStatus(
      await fixture.call<MandatePage>(
        'GET',
        `/agent/regies/${fixture.regie.id}/direct-debit-mandates?state=active&householdId=${householdId}&pageSize=1`,
        fixture.agent.actor,
      ),
      200,
    );
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(page.items.map((item) => item.id)).toEqual([mandate.id]);
    expect(listed.body.total).toBeGreaterThanOrEqual(listed.body.items.length);
    const badState = await fixture.call(
      'GET',
      `/agent/regies/${fixture.regie.id}/direct-debit-mandates?state=suspended`,
      fixture.agent.actor,
    );
    expect(badState.status).toBe(400);
    expect(
      (
        await fixture.call(
          'GET',
          `/agent/regies/${fixture.regie.id}/direct-debit-mandates`,
          fixture.outsider.actor,
        )
      ).status,
    ).toBe(403);
    const unknown = await fixture.call(
      'POST',
      `/agent/regies/${fixture.regie.id}/direct-debit-mandates`,
      fixture.agent.actor,
      { ...paper, householdId: '0192f3a1-0000-7000-8000-000000000000' },
    );
    expect(unknown.status).toBe(404);
  });

  it('numbers the RUM once per creditor, even for mandates signed at the same time', async () => {
    const families = await Promise.all(
      ['Ana', 'Bea', 'Cleo', 'Dora'].map((name) => fixture.aFamilyWithAChild(name)),
    );
    const mandates = await Promise.all(
      families.map(({ family }) => aMandateOf(fixture, family, IBANS.third)),
    );
    const all = await fixture.db.query<Array<{ rum: string }>>('SELECT rum FROM sepa_mandates');
    expect(new Set(all.map((row) => row.rum)).size).toBe(all.length);
    expect(mandates.every((mandate) => /^R000070-\d{7}$/.test(mandate.rum))).toBe(true);
  });

  it('amends the account (same RUM) and revokes, each only by the household or the régie', async () => {
    const { family } = await fixture.aFamilyWithAChild('Eli');
    const other = await fixture.aFamilyWithAChild('Fanny');
    const mandate = await aMandateOf(fixture, family, IBANS.first);
    const amendPath = `/me/direct-debit-mandates/${mandate.id}/amendments`;
    const stranger = await fixture.call('POST', amendPath, other.family, {
      iban: IBANS.otherBank,
      debtorName: 'Camille DUMAS',
    });
    expect(stranger.status).toBe(404);
    const amended = expectStatus(
      await fixture.call<MandateView>('POST', amendPath, family, {
        iban: IBANS.otherBank,
        debtorName: 'Camille DUMAS',
      }),
      201,
    );
    expect(amended).toMatchObject({
      rum: mandate.rum,
      ibanMasked: 'FR14 **** **** **** **** **** 606',
      nextSequence: 'FRST',
      amendmentPending: true,
    });
    const revoked = expectStatus(
      await fixture.call<MandateView>(
        'POST',
        `/me/direct-debit-mandates/${mandate.id}/revocation`,
        family,
        { reason: 'Paiement par chèque désormais' },
      ),
      200,
    );
    expect(revoked).toMatchObject({
      state: 'revoked',
      revocationReason: 'Paiement par chèque désormais',
    });
    const late = await fixture.call('POST', amendPath, family, {
      iban: IBANS.first,
      debtorName: 'Camille DUMAS',
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'SEPA_MANDATE_NOT_ACTIVE' });
    // A new mandate may be signed after a revocation: a new RUM.
    const renewed = await aMandateOf(fixture, family, IBANS.first);
    expect(renewed.rum).not.toBe(mandate.rum);
    const byAgent = expectStatus(
      await fixture.call<MandateView>(
        'POST',
        `/agent/regies/${fixture.regie.id}/direct-debit-mandates/${renewed.id}/revocation`,
        fixture.agent.actor,
        {},
      ),
      200,
    );
    expect(byAgent.state).toBe('revoked');
  });

  it('gives the family its mandates in its personal data export, the IBAN masked', async () => {
    const { family, householdId } = await fixture.aFamilyWithAChild('Hugo');
    const mandate = await aMandateOf(fixture, family, IBANS.bnp);
    const part = await fixture.system
      .service('billing')
      .app.get(ExportBillingData)
      .execute(
        { kind: 'family', accountId: family.accountId },
        { householdId, section: 'sepa-mandates' },
      );
    expect(JSON.stringify(part)).toContain(mandate.rum);
    expect(JSON.stringify(part)).toContain('FR76 **** **** **** **** **** 188');
    expect(JSON.stringify(part)).not.toMatch(ibanPattern(IBANS.bnp));
  });

  it('answers 409 SEPA_NOT_CONFIGURED for a régie without a creditor in configuration', async () => {
    const regie = expectStatus(
      await fixture.call<RegieView>('POST', '/agent/regies', fixture.supervisor.actor, {
        ...VICHY_REGIE,
        name: 'Conservatoire de Vichy',
        payfipCollectivityNumber: '000071',
        organisationId: fixture.vichy.id,
        municipalServiceIds: [serviceOf(fixture.vichy, 'school-catering')],
      }),
      201,
    );
    const { family } = await fixture.aFamilyWithAChild('Gabin');
    const response = await signMandate(fixture, family, { regieId: regie.id });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'SEPA_NOT_CONFIGURED' });
  });
});
