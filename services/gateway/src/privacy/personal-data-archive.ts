import archiver from 'archiver';
import { Readable } from 'node:stream';
import {
  CommonErrorCode,
  EnrolmentSubjects,
  PERSONAL_DATA_SERVICES,
  PersonalDataSubjects,
  PrivacySubjects,
  type Caller,
  type PersonalDataExport,
  type PersonalDataPart,
  type PersonalDataService,
} from '@portail/contracts';
import { ServiceCallException } from '../nats/service-call.exception';
import type { ServiceClient } from '../nats/service-client';

/**
 * Pages a service may answer for one family: far beyond any real family (a page holds hundreds
 * of rows), a bound on what one export holds in the gateway's memory.
 */
export const MAX_PERSONAL_DATA_PAGES = 200;

/** The JSON file of each part in the archive. */
export const PERSONAL_DATA_FILES: Record<'identity' | PersonalDataService, string> = {
  identity: 'compte-et-foyer.json',
  enrolment: 'demarches.json',
  reservation: 'reservations.json',
  billing: 'facturation.json',
  notification: 'notifications.json',
};

/** The folder of the supporting documents' files in the archive. */
export const PERSONAL_DATA_DOCUMENTS_FOLDER = 'documents';

export const PERSONAL_DATA_README = `Vos données personnelles sur le Portail Famille
================================================

Cette archive contient tout ce que le portail conserve à votre sujet à la date indiquée dans
chaque fichier (champ « exportedAt »). Les fichiers .json se lisent avec un éditeur de texte ou un
tableur ; les dates sont au format international (heure UTC pour les horodatages).

- ${PERSONAL_DATA_FILES.identity} : votre compte (identité, coordonnées, consentements), votre foyer
  (responsables légaux, enfants, santé, autorisations, personnes autorisées) et l'historique des
  modifications de votre foyer.
- ${PERSONAL_DATA_FILES.enrolment} : vos démarches (demandes avec vos réponses, y compris les
  informations de santé, le récapitulatif, les pièces jointes et l'historique des décisions), la
  liste de vos pièces justificatives (y compris celles retirées de votre liste mais conservées
  avec une demande envoyée) et les consultations de ces pièces par les agents.
- ${PERSONAL_DATA_FILES.reservation} : les droits de réservation de vos enfants, toutes leurs
  réservations, les réservations périodiques, les présences et absences relevées, et vos
  abonnements de calendrier (sans leur adresse secrète).
- ${PERSONAL_DATA_FILES.billing} : les informations de votre foyer utilisées pour la facturation
  (destinataire, adresse, quotient familial, enfants), vos numéros de dossier et vos factures avec
  leur détail.
- ${PERSONAL_DATA_FILES.notification} : les notifications affichées dans votre espace, les e-mails
  qui vous ont été envoyés (adresse, objet, date et état ; pas leur contenu, qui peut contenir des
  liens à usage unique) et vos préférences d'envoi.
- ${PERSONAL_DATA_DOCUMENTS_FOLDER}/ : les fichiers de vos pièces justificatives, tels que vous les
  avez déposés (le nom de chaque fichier commence par l'identifiant de la pièce).

Pour corriger une information, utilisez votre espace personnel ou adressez-vous au service
concerné. Pour fermer votre compte, rendez-vous dans « Mon compte ».
`;

type ServicePart = Record<string, object[]>;

/** Every page of one service's part, section by section. */
async function collectPart(
  services: ServiceClient,
  caller: Caller,
  service: PersonalDataService,
  householdId: string | undefined,
): Promise<ServicePart> {
  const sections: ServicePart = {};
  let cursor: { section: string; offset: number } | null = null;
  for (let page = 0; page < MAX_PERSONAL_DATA_PAGES; page += 1) {
    const part: PersonalDataPart = await services.request(
      PersonalDataSubjects[service],
      { householdId, ...(cursor ?? {}) },
      { caller },
    );
    (sections[part.section] ??= []).push(...part.items);
    cursor = part.next;
    if (!cursor) return sections;
  }
  throw new ServiceCallException({
    code: CommonErrorCode.PAYLOAD_TOO_LARGE,
    message:
      'Vos données sont trop volumineuses pour un téléchargement en une fois. ' +
      'Adressez-vous au service pour en obtenir une copie.',
  });
}

/** A document as enrolment's part lists it: what the archive needs to fetch its bytes. */
interface ListedDocument {
  id: string;
  fileName: string;
}

function isListedDocument(item: object): item is ListedDocument {
  return (
    'id' in item &&
    typeof item.id === 'string' &&
    'fileName' in item &&
    typeof item.fileName === 'string'
  );
}

/** `documents/<id>-<name>`: unique, and never a path out of the folder. */
export function documentEntryName(document: ListedDocument): string {
  const name = document.fileName.replace(/[/\\]/g, '_').replace(/^\.+/, '_');
  return `${PERSONAL_DATA_DOCUMENTS_FOLDER}/${document.id}-${name}`;
}

/** A document's bytes, part after part as the download route reads them. */
function documentBytes(services: ServiceClient, caller: Caller, id: string): Readable {
  async function* parts(): AsyncGenerator<Buffer> {
    let parts = 1;
    for (let index = 0; index < parts; index += 1) {
      const part = await services.request(
        EnrolmentSubjects.documentsDownloadPart,
        { id, index },
        { caller },
      );
      parts = part.parts;
      yield Buffer.from(part.contentBase64, 'base64');
    }
  }
  return Readable.from(parts());
}

export interface PersonalDataArchive {
  exportedAt: string;
  /** The ZIP, produced as the client reads it: the documents' bytes are fetched on the way. */
  stream: Readable;
}

/**
 * The whole of the calling family's personal data as one ZIP: identity's part first (it names
 * the household the other services are asked about), then every service's part, all read before
 * a byte is sent, so that a service that is down fails the export with its 503 instead of
 * leaving a part out. The documents' files follow in the stream, fetched in parts; a failure
 * there aborts the download (the client gets a broken transfer, never a silently partial ZIP).
 */
export async function buildPersonalDataArchive(
  services: ServiceClient,
  caller: Caller,
  onError: (error: unknown) => void,
): Promise<PersonalDataArchive> {
  const identity: PersonalDataExport = await services.request(
    PrivacySubjects.exportPersonalData,
    {},
    { caller },
  );
  const householdId = identity.household?.id;
  const parts = await Promise.all(
    PERSONAL_DATA_SERVICES.map(async (service) => ({
      service,
      sections: await collectPart(services, caller, service, householdId),
    })),
  );
  const exportedAt = identity.exportedAt;
  const archive = archiver('zip', { zlib: { level: 6 } });
  archive.on('warning', onError);
  archive.on('error', (error) => {
    onError(error);
    archive.destroy(error);
  });
  archive.append(PERSONAL_DATA_README, { name: 'README.txt' });
  archive.append(JSON.stringify(identity, null, 2), { name: PERSONAL_DATA_FILES.identity });
  for (const { service, sections } of parts) {
    archive.append(JSON.stringify({ exportedAt, ...sections }, null, 2), {
      name: PERSONAL_DATA_FILES[service],
    });
  }
  const documents = parts
    .find(({ service }) => service === 'enrolment')
    ?.sections.documents?.filter(isListedDocument);
  for (const document of documents ?? []) {
    const bytes = documentBytes(services, caller, document.id);
    bytes.on('error', (error) => archive.emit('error', error));
    archive.append(bytes, { name: documentEntryName(document) });
  }
  void archive.finalize().catch(onError);
  return { exportedAt, stream: archive };
}
