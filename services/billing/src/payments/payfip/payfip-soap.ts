import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * The SOAP 1.1 messages of PayFIP's web service (DGFiP, document/literal): only the operation
 * element is namespace-qualified, `arg0` and its fields are not, and names are case-sensitive.
 * Answers are read by namespace URI and local name, whatever prefixes the server chose.
 */

export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const PAYFIP_NS =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';

/** What `creerPaiementSecurise` carries in `arg0`, in the WSDL's order. */
export interface CreatePaymentArgs {
  exer: string;
  mel: string;
  montant: string;
  numcli: string;
  objet?: string;
  refdet: string;
  saisie: 'T' | 'X' | 'W';
  urlnotif: string;
  urlredirect: string;
}

/** What `recupererDetailPaiementSecurise` answers in `return` (absent fields are null). */
export interface PaymentDetail {
  idOp: string | null;
  exer: string | null;
  mel: string | null;
  montant: string | null;
  numcli: string | null;
  refdet: string | null;
  resultrans: string | null;
  saisie: string | null;
  dattrans: string | null;
  heurtrans: string | null;
  numauto: string | null;
}

/** A `FonctionnelleErreur` from the fault's detail. */
export interface PayfipFault {
  code: string;
  descriptif: string;
  libelle: string;
  severite: string;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

/** The request envelope of an operation whose `arg0` holds `fields` (undefined ones left out). */
export function soapRequest(operation: string, fields: Record<string, string | undefined>): string {
  const arg0: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) arg0[name] = value;
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({
    'soapenv:Envelope': {
      '@_xmlns:soapenv': SOAP_ENVELOPE_NS,
      '@_xmlns:pai': PAYFIP_NS,
      'soapenv:Header': '',
      'soapenv:Body': { [`pai:${operation}`]: { arg0 } },
    },
  })}`;
}

/** An element with its namespace resolved from the `xmlns` declarations in scope. */
export interface XmlElement {
  ns: string | null;
  local: string;
  children: XmlElement[];
  text: string;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

/** The document's root element, namespaces resolved; throws on what is not XML. */
export function parseXml(xml: string): XmlElement {
  const nodes = parser.parse(xml) as OrderedNode[];
  const roots = resolve(nodes, new Map());
  if (roots.length !== 1) throw new Error('Not one root element');
  return roots[0];
}

function resolve(nodes: OrderedNode[], scope: Map<string, string>): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (!name || name.startsWith('?')) continue;
    const attributes = (node[':@'] ?? {}) as Record<string, string>;
    const inner = new Map(scope);
    for (const [attribute, value] of Object.entries(attributes)) {
      if (attribute === 'xmlns') inner.set('', value);
      else if (attribute.startsWith('xmlns:')) inner.set(attribute.slice(6), value);
    }
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const content = (node[name] ?? []) as OrderedNode[];
    elements.push({
      ns: inner.get(prefix) || null,
      local: colon < 0 ? name : name.slice(colon + 1),
      children: resolve(content, inner),
      text: content
        .map((child) => (typeof child['#text'] === 'string' ? child['#text'] : ''))
        .join(''),
    });
  }
  return elements;
}

/** The first child with this namespace and local name. */
export function child(element: XmlElement, ns: string | null, local: string): XmlElement | null {
  return element.children.find((item) => item.ns === ns && item.local === local) ?? null;
}

/** The SOAP body's first element: the operation's response or a `Fault`. */
export function soapBodyContent(xml: string): XmlElement {
  const envelope = parseXml(xml);
  if (envelope.ns !== SOAP_ENVELOPE_NS || envelope.local !== 'Envelope') {
    throw new Error('Not a SOAP 1.1 envelope');
  }
  const body = child(envelope, SOAP_ENVELOPE_NS, 'Body');
  if (!body || body.children.length === 0) throw new Error('A SOAP envelope without a body');
  return body.children[0];
}

/** The `FonctionnelleErreur` of a fault, or null when the fault is not one of PayFIP's. */
export function payfipFault(content: XmlElement): PayfipFault | null {
  if (content.ns !== SOAP_ENVELOPE_NS || content.local !== 'Fault') return null;
  const detail = content.children.find((item) => item.local === 'detail' && item.ns === null);
  const error = detail?.children.find(
    (item) => item.ns === PAYFIP_NS && item.local === 'FonctionnelleErreur',
  );
  if (!error) return null;
  const field = (name: string) => unqualified(error, name) ?? '';
  return {
    code: field('code'),
    descriptif: field('descriptif'),
    libelle: field('libelle'),
    severite: field('severite'),
  };
}

/** The text of an unqualified child, or null when absent or empty. */
export function unqualified(element: XmlElement, local: string): string | null {
  const found = child(element, null, local);
  return found && found.text !== '' ? found.text : null;
}

/** `return` of an operation's response, checked to be that operation's. */
export function operationReturn(content: XmlElement, operation: string): XmlElement {
  if (content.ns !== PAYFIP_NS || content.local !== `${operation}Response`) {
    throw new Error(`Not a ${operation} response`);
  }
  const answer = child(content, null, 'return');
  if (!answer) throw new Error(`A ${operation} response without return`);
  return answer;
}

export function paymentDetail(answer: XmlElement): PaymentDetail {
  const field = (name: string) => unqualified(answer, name);
  return {
    idOp: field('idOp'),
    exer: field('exer'),
    mel: field('mel'),
    montant: field('montant'),
    numcli: field('numcli'),
    refdet: field('refdet'),
    resultrans: field('resultrans'),
    saisie: field('saisie'),
    dattrans: field('dattrans'),
    heurtrans: field('heurtrans'),
    numauto: field('numauto'),
  };
}
