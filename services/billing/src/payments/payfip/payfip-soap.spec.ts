import {
  PAYFIP_NS,
  SOAP_ENVELOPE_NS,
  child,
  operationReturn,
  parseXml,
  payfipFault,
  paymentDetail,
  soapBodyContent,
  soapRequest,
} from './payfip-soap';
import { payfipObjet, payfipRefdet } from './payfip-payment-provider';

const detailResponse = (
  envPrefix: string,
  opPrefix: string,
  opNs = PAYFIP_NS,
) => `<?xml version="1.0"?>
<${envPrefix}:Envelope xmlns:${envPrefix}="${SOAP_ENVELOPE_NS}">
  <${envPrefix}:Body>
    <${opPrefix}:recupererDetailPaiementSecuriseResponse xmlns:${opPrefix}="${opNs}">
      <return>
        <dattrans>05122026</dattrans><exer>2026</exer><heurtrans>1042</heurtrans>
        <idOp>op-1</idOp><mel>famille@example.org</mel><montant>3646</montant>
        <numauto>A1B2</numauto><numcli>000070</numcli><objet>Facture 12</objet>
        <refdet>2026CA0012</refdet><resultrans>P</resultrans><saisie>T</saisie>
      </return>
    </${opPrefix}:recupererDetailPaiementSecuriseResponse>
  </${envPrefix}:Body>
</${envPrefix}:Envelope>`;

describe('PayFIP SOAP messages', () => {
  it('qualifies only the operation element: arg0 and its fields carry no namespace', () => {
    const envelope = parseXml(
      soapRequest('creerPaiementSecurise', { exer: '2026', montant: '3646', objet: undefined }),
    );
    const body = child(envelope, SOAP_ENVELOPE_NS, 'Body')!;
    const operation = child(body, PAYFIP_NS, 'creerPaiementSecurise')!;
    const arg0 = child(operation, null, 'arg0')!;
    expect(arg0.children.map((field) => [field.ns, field.local, field.text])).toEqual([
      [null, 'exer', '2026'],
      [null, 'montant', '3646'],
    ]);
  });

  it('escapes the values: a field never becomes markup', () => {
    const envelope = parseXml(soapRequest('creerPaiementSecurise', { mel: 'a<b>&c@x.fr' }));
    const operation = child(envelope, SOAP_ENVELOPE_NS, 'Body')!.children[0];
    const arg0 = child(operation, null, 'arg0')!;
    expect(arg0.children.map((field) => [field.local, field.text])).toEqual([
      ['mel', 'a<b>&c@x.fr'],
    ]);
  });

  it.each([
    ['soap', 'ns2'],
    ['S', 'pai'],
    ['env', 'x'],
  ])('reads an answer by namespace and local name whatever the prefixes (%s, %s)', (env, op) => {
    const detail = paymentDetail(
      operationReturn(soapBodyContent(detailResponse(env, op)), 'recupererDetailPaiementSecurise'),
    );
    expect(detail).toMatchObject({
      idOp: 'op-1',
      montant: '3646',
      numcli: '000070',
      refdet: '2026CA0012',
      resultrans: 'P',
    });
  });

  it('refuses an answer in another namespace, even under the expected prefix', () => {
    expect(() =>
      operationReturn(
        soapBodyContent(detailResponse('soap', 'ns2', 'http://example.org/other')),
        'recupererDetailPaiementSecurise',
      ),
    ).toThrow('Not a recupererDetailPaiementSecurise response');
  });

  it("reads a fault's FonctionnelleErreur", () => {
    const content = soapBodyContent(`<e:Envelope xmlns:e="${SOAP_ENVELOPE_NS}"><e:Body><e:Fault>
      <faultcode>e:Server</faultcode><faultstring>fault</faultstring>
      <detail><p:FonctionnelleErreur xmlns:p="${PAYFIP_NS}"><code>P5</code>
        <descriptif>Résultat de la transaction non connu</descriptif>
        <libelle>Transaction en cours</libelle><severite>2</severite></p:FonctionnelleErreur></detail>
    </e:Fault></e:Body></e:Envelope>`);
    expect(payfipFault(content)).toEqual({
      code: 'P5',
      descriptif: 'Résultat de la transaction non connu',
      libelle: 'Transaction en cours',
      severite: '2',
    });
  });

  it('keeps letters and digits in refdet and objet', () => {
    expect(payfipRefdet('2026-CA-00-12')).toBe('2026CA0012');
    expect(payfipObjet('Facture n° 12 — Août')).toBe('Facture n 12 Aout');
    expect(payfipObjet('x'.repeat(150))).toHaveLength(100);
  });
});
