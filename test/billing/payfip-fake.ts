import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PAYFIP_NS,
  SOAP_ENVELOPE_NS,
  child,
  parseXml,
  type XmlElement,
} from '../../services/billing/src/payments/payfip/payfip-soap';

const PAGE_PATH = '/tpa/paiementws.web';

const CREATE_FIELDS = [
  'exer',
  'mel',
  'montant',
  'numcli',
  'objet',
  'refdet',
  'saisie',
  'urlnotif',
  'urlredirect',
];

/** What the fake's payment page did with an operation, or the fault its detail answers. */
export interface FakeOperation {
  idOp: string;
  args: Record<string, string>;
  resultrans: 'P' | 'V' | 'R' | 'Z' | 'A' | null;
  /** A fault code answered instead of the detail (P5 while unknown by default). */
  fault: string | null;
  /** Fields of the detail answered differently from the request (a forged answer). */
  overrides: Record<string, string>;
}

/**
 * A fake of PayFIP's SOAP web service: it refuses a request whose shape is not the WSDL's
 * (operation element in PayFIP's namespace, `arg0` and its fields unqualified, names exact,
 * montant integer cents, numcli 6 digits, refdet 6–30 letters and digits, saisie T/X/W) and
 * answers as PayFIP does, with other prefixes than billing's: a `return`, or an HTTP 500 fault
 * with a `FonctionnelleErreur` (P5 until the family acts, P1 for an unknown idOp).
 */
export class FakePayfip {
  readonly operations = new Map<string, FakeOperation>();
  readonly requests: Array<{ operation: string; fields: Record<string, string> }> = [];
  readonly shapeErrors: string[] = [];
  /** The notifications the payment page sent, and the status the portal answered. */
  readonly notifications: Array<{ idOp: string; status: number }> = [];
  /** A fault code the next creerPaiementSecurise answers (A2 bad e-mail, R3 bad refdet…). */
  refuseNextCreation: string | null = null;
  /** The next request finds PayFIP down (503, an HTML page). */
  downForNextRequest = false;
  private server: Server | undefined;
  private sequence = 0;
  private base = '';

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      if (request.url?.startsWith(PAGE_PATH)) {
        void this.page(request).then(({ status, headers, body }) => {
          response.writeHead(status, headers);
          response.end(body);
        });
        return;
      }
      if (this.downForNextRequest) {
        this.downForNextRequest = false;
        response.writeHead(503, { 'content-type': 'text/html' });
        response.end('<html><body>Service indisponible</body></html>');
        return;
      }
      void this.handle(request).then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.base}/tpa/services/securite`;
  }

  /** The family's payment page (PAYFIP_PAYMENT_PAGE_URL): `?idop=` names the operation. */
  get pageUrl(): string {
    return `${this.base}${PAGE_PATH}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The family on PayFIP's page: paid (P card, V debit), refused (R, Z) or abandoned (A). */
  settle(idOp: string, resultrans: FakeOperation['resultrans'], overrides = {}): void {
    const operation = this.operations.get(idOp)!;
    operation.resultrans = resultrans;
    operation.fault = null;
    operation.overrides = overrides;
  }

  /**
   * The family's choice on the payment page, as PayFIP follows it: the result recorded, the
   * notification posted to `urlnotif` (a form with the idop only, server to server), and the
   * browser sent back to `urlredirect` with the idop.
   */
  private async page(
    request: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const html = { 'content-type': 'text/html; charset=utf-8' };
    const url = new URL(request.url!, this.base);
    if (request.method === 'GET') {
      const known = this.operations.has(url.searchParams.get('idop') ?? '');
      return known
        ? { status: 200, headers: html, body: '<form method="post">Payer par carte</form>' }
        : { status: 404, headers: html, body: 'Opération inconnue ou expirée' };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const operation = this.operations.get(form.get('idop') ?? '');
    if (!operation) return { status: 404, headers: html, body: 'Opération inconnue ou expirée' };
    this.settle(operation.idOp, (form.get('resultrans') ?? 'P') as FakeOperation['resultrans']);
    const notified = await fetch(operation.args.urlnotif, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idop: operation.idOp }).toString(),
    });
    this.notifications.push({ idOp: operation.idOp, status: notified.status });
    return {
      status: 302,
      headers: { location: `${operation.args.urlredirect}?idop=${operation.idOp}` },
      body: '',
    };
  }

  last(): FakeOperation {
    return [...this.operations.values()].at(-1)!;
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      const { operation, fields } = this.read(Buffer.concat(chunks).toString('utf8'), request);
      this.requests.push({ operation, fields });
      if (operation === 'creerPaiementSecurise') return this.create(fields);
      if (operation === 'recupererDetailPaiementSecurise') return this.detail(fields.idOp);
      throw new Error(`Unknown operation ${operation}`);
    } catch (error) {
      this.shapeErrors.push((error as Error).message);
      return { status: 500, body: fault('Client', 'Z0', (error as Error).message) };
    }
  }

  private read(xml: string, request: IncomingMessage) {
    if (!String(request.headers['content-type']).startsWith('text/xml')) {
      throw new Error('SOAP 1.1 is text/xml');
    }
    if (request.headers.soapaction === undefined) throw new Error('SOAPAction is missing');
    const envelope = parseXml(xml);
    if (envelope.ns !== SOAP_ENVELOPE_NS || envelope.local !== 'Envelope') {
      throw new Error('Not a SOAP 1.1 envelope');
    }
    const body = child(envelope, SOAP_ENVELOPE_NS, 'Body');
    const element: XmlElement | undefined = body?.children[0];
    if (!element || element.ns !== PAYFIP_NS) throw new Error('Operation not in PayFIP namespace');
    const arg0 = element.children.find((item) => item.local === 'arg0');
    if (!arg0 || arg0.ns !== null) throw new Error('arg0 must be unqualified');
    const fields: Record<string, string> = {};
    for (const field of arg0.children) {
      if (field.ns !== null) throw new Error(`${field.local} must be unqualified`);
      fields[field.local] = field.text;
    }
    return { operation: element.local, fields };
  }

  private create(fields: Record<string, string>) {
    const refusal = this.refuseNextCreation;
    if (refusal) {
      this.refuseNextCreation = null;
      return { status: 500, body: fault('Server', refusal, 'Adresse mel incorrecte') };
    }
    const unknown = Object.keys(fields).filter((name) => !CREATE_FIELDS.includes(name));
    if (unknown.length) throw new Error(`Unknown fields ${unknown.join(', ')}`);
    const rules: Record<string, RegExp> = {
      exer: /^\d{4}$/,
      mel: /^[^@\s]+@[^@\s]+$/,
      montant: /^[1-9]\d*$/,
      numcli: /^\d{6}$/,
      refdet: /^[A-Za-z0-9]{6,30}$/,
      saisie: /^[TXW]$/,
      urlnotif: /^https?:\/\//,
      urlredirect: /^https?:\/\//,
    };
    for (const [name, rule] of Object.entries(rules)) {
      if (!rule.test(fields[name] ?? '')) throw new Error(`Bad ${name}: ${fields[name]}`);
    }
    if (fields.objet !== undefined && !/^[A-Za-z0-9 ]{0,100}$/.test(fields.objet)) {
      throw new Error(`Bad objet: ${fields.objet}`);
    }
    const idOp = `${(this.sequence += 1).toString().padStart(4, '0')}abcd-ef01-2345-6789`;
    this.operations.set(idOp, { idOp, args: fields, resultrans: null, fault: 'P5', overrides: {} });
    return {
      status: 200,
      body: envelope(
        `<ns2:creerPaiementSecuriseResponse xmlns:ns2="${PAYFIP_NS}"><return><idOp>${idOp}</idOp></return></ns2:creerPaiementSecuriseResponse>`,
      ),
    };
  }

  private detail(idOp: string | undefined) {
    const operation = idOp ? this.operations.get(idOp) : undefined;
    if (!operation) return { status: 500, body: fault('Server', 'P1', 'IdOp incorrect') };
    if (operation.fault) {
      return { status: 500, body: fault('Server', operation.fault, 'Transaction non connue') };
    }
    const detail: Record<string, string> = {
      dattrans: '05122026',
      exer: operation.args.exer,
      heurtrans: '1042',
      idOp: operation.idOp,
      mel: operation.args.mel,
      montant: operation.args.montant,
      numauto: operation.resultrans === 'P' ? '123456' : '',
      numcli: operation.args.numcli,
      objet: operation.args.objet ?? '',
      refdet: operation.args.refdet,
      resultrans: operation.resultrans!,
      saisie: operation.args.saisie,
      ...operation.overrides,
    };
    const fields = Object.entries(detail)
      .map(([name, value]) => (value ? `<${name}>${value}</${name}>` : `<${name}/>`))
      .join('');
    return {
      status: 200,
      body: envelope(
        `<p:recupererDetailPaiementSecuriseResponse xmlns:p="${PAYFIP_NS}"><return>${fields}</return></p:recupererDetailPaiementSecuriseResponse>`,
      ),
    };
  }
}

function envelope(content: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="${SOAP_ENVELOPE_NS}"><S:Body>${content}</S:Body></S:Envelope>`;
}

function fault(side: string, code: string, libelle: string): string {
  return envelope(
    `<S:Fault><faultcode>S:${side}</faultcode><faultstring>${libelle}</faultstring><detail>` +
      `<ns1:FonctionnelleErreur xmlns:ns1="${PAYFIP_NS}"><code>${code}</code>` +
      `<descriptif>${libelle}</descriptif><libelle>${libelle}</libelle><severite>2</severite>` +
      `</ns1:FonctionnelleErreur></detail></S:Fault>`,
  );
}
