/**
 * `npm run seed`, second step: the public home of the specification (../shared/seed): the
 * five news items it names, the Bellerive schools activity tile (with the derogation form
 * as an attachment) and the contacts tile of Vichy's "Espace Écoles". Staff names are
 * invented. Idempotent: an item whose organisation and title exist is left alone.
 *
 * Organisations are created by the identity seed (first step). Their ids, and the seeded
 * administrator who signs the changes, are read from identity's database with one read-only
 * query: the seed runs without any service up, so asking `identity.organisations.list` over
 * NATS would need a running identity service. It boots the content service's own modules
 * and calls its use cases, so the same sanitising, sniffing and change log apply.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type {
  AdminCaller,
  CreateNewsCommand,
  CreateTileCommand,
  TileBlocks,
} from '@portail/contracts';
import type { DestinationStream } from '@portail/logging';
import { contentEnvSchema } from '../services/content/src/config';
import { contentService } from '../services/content/src/content.service';
import { UploadFile } from '../services/content/src/files/upload-file.use-case';
import { CreateNews } from '../services/content/src/news/create-news.use-case';
import { CreateTile } from '../services/content/src/tiles/create-tile.use-case';
import { OrganisationDirectory } from '../services/content/src/publishing/organisation-directory';
import { runSeedStep } from './seed-main';
import { bootSeedService } from './seed-service';

const DEFAULT_CONTENT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_content';
const DEFAULT_IDENTITY_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_identity';
const DEFAULT_ADMIN_EMAIL = 'admin@portail-famille.test';

type Slug = 'vichy-communaute' | 'vichy' | 'cusset' | 'bellerive-sur-allier';

export const DEMO_NEWS: Array<Omit<CreateNewsCommand, 'organisationId'> & { organisation: Slug }> =
  [
    {
      organisation: 'vichy',
      title: 'Inscriptions périscolaires 2026-2027',
      summary: 'Inscriptions périscolaires 2026-2027 ouvertes à partir du 1er juillet 2026',
      bodyMarkdown:
        'Les inscriptions aux activités périscolaires pour l’année 2026-2027 sont ouvertes à partir du **1er juillet 2026** sur le portail famille.\n\nConnectez-vous à votre espace personnel puis choisissez la démarche « Inscription périscolaire ».',
      category: 'periscolaire',
      publishFrom: '2026-07-01T06:00:00.000Z',
      pinned: true,
      status: 'published',
    },
    {
      organisation: 'vichy-communaute',
      title: 'Actualités Conservatoire Vichy Communauté : inscriptions 2026-2027',
      summary: 'Les inscriptions pour 2026/2027 se déroulent via le portail famille',
      bodyMarkdown: [
        'Les inscriptions pour 2026/2027 se déroulent via le portail famille - notice explicative des démarches.',
        '',
        '## Rentrée 2026/2027',
        '',
        '- Du lundi 7 au vendredi 11 septembre 2026 : établissement des horaires de cours avec les professeurs',
        '- Mercredi 9/09 à 16h : test de formation musicale pour les nouveaux élèves disposant déjà d’un acquis musical dans un autre établissement',
        '- Lundi 14/09 : reprise des cours de formation musicale et instruments',
        '- Lundi 28/09 : reprise des pratiques collectives',
        '',
        'Durant la fermeture annuelle du Conservatoire - du 31 juillet au 22 août 2026 - les inscriptions restent en ligne mais leur traitement ne sera réalisé qu’à partir du 23 août.',
      ].join('\n'),
      category: 'conservatoire',
      publishFrom: '2026-06-21T06:00:00.000Z',
      status: 'published',
    },
    {
      organisation: 'vichy-communaute',
      title: '100% Sports vacances été 2026',
      summary: 'Inscriptions 100% Sports vacances été 2026 : séjours complets juillet et août 2026',
      bodyMarkdown:
        'Les séjours **100% Sports** de juillet et août 2026 sont complets.\n\nLes familles inscrites reçoivent le programme par courriel.',
      category: 'sports',
      publishFrom: '2026-06-01T06:00:00.000Z',
      status: 'published',
    },
    {
      organisation: 'vichy',
      title: 'Actualité Pass’Sport Vichy',
      summary: 'Le Pass’Sport : une aide de l’État pour l’inscription de votre enfant dans un club',
      bodyMarkdown:
        'Le **Pass’Sport** est une allocation de rentrée sportive de 50 € par enfant pour financer tout ou partie de son inscription dans une association sportive.\n\nRenseignements auprès du service des sports de la ville de Vichy.',
      category: 'sports',
      publishFrom: '2026-08-20T06:00:00.000Z',
      status: 'published',
    },
    {
      organisation: 'vichy',
      title: 'VICHY - Rentrée 2026/2027',
      summary: 'Flyer préinscriptions scolaires 2026/2027',
      bodyMarkdown:
        'Les préinscriptions scolaires pour la rentrée 2026/2027 se font en ligne sur le portail famille.\n\nLes pièces à fournir : livret de famille et carnet de santé.',
      category: 'scolaire',
      publishFrom: '2026-03-01T07:00:00.000Z',
      status: 'published',
    },
  ];

const BELLERIVE_SCHOOLS: TileBlocks = {
  schools: [
    {
      name: 'École maternelle Alexandre Varenne',
      level: 'maternelle',
      address: '37 rue Charloing',
      phone: '04 70 32 05 42',
      directorRole: 'Directrice',
      directorName: 'Hélène VARNIER',
    },
    {
      name: 'École maternelle Jean Zay',
      level: 'maternelle',
      address: 'Rue de la Perche',
      phone: '04 70 32 31 42',
      directorRole: 'Directrice',
      directorName: 'Claire DUVAL',
    },
    {
      name: 'École élémentaire Marx Dormoy',
      level: 'élémentaire',
      address: '14 rue Adrien Cavy',
      phone: '04 70 32 07 65',
      directorRole: 'Directrice',
      directorName: 'Nathalie ROUSSEL',
    },
    {
      name: 'École élémentaire Jean-Baptiste Burlot',
      level: 'élémentaire',
      address: 'Rue Jean-Baptiste Burlot',
      phone: '04 70 32 10 48',
      directorRole: 'Directrice',
      directorName: 'Sandrine MOREAU',
    },
  ],
  openingHours: [
    {
      label: 'Écoles maternelles',
      hours: 'Lundi, mardi, jeudi et vendredi de 8h30 à 11h45 et de 13h45 à 16h30',
    },
    {
      label: 'Écoles élémentaires',
      hours: 'Lundi, mardi, jeudi et vendredi de 8h30 à 12h00 et de 13h45 à 16h15',
    },
  ],
};

const BELLERIVE_BODY = [
  '- Les préinscriptions scolaires sont possibles tout au long de l’année auprès du service éducation de la ville de Bellerive',
  '- Si vous ne résidez pas à Bellerive : une dérogation scolaire est possible (formulaire 2026/2027 à télécharger), à renseigner, à signer et à retourner au service éducation',
  '- Les pièces à fournir : livret de famille et carnet de santé',
  '- Un certificat d’inscription avec la mention de l’école d’affectation de l’élève vous sera envoyé',
  '',
  'La famille munie dudit certificat, du carnet de santé de l’enfant et du livret de famille, peut ensuite se rendre dans l’école concernée pour procéder à l’admission définitive de son ou de ses enfants.',
  '',
  '**4 établissements scolaires** : 2 écoles maternelles & 2 écoles élémentaires',
].join('\n');

const VICHY_CONTACTS: TileBlocks = {
  contacts: [
    {
      service: 'Restauration scolaire',
      names: 'Martine LEROUX et Sophie BLANCHET',
      phone: '04 70 30 55 04',
      voicemail: '04 70 30 55 90',
    },
    {
      service: 'Activités périscolaires - Animations',
      names: 'Julien FAURE',
      phone: '04 70 30 17 67',
    },
    { service: 'Inscriptions scolaires', names: 'Nadia BENALI', phone: '04 70 30 17 25' },
  ],
  openingHours: [
    {
      label: 'Espace Écoles',
      hours: 'Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00',
    },
  ],
};

/** A one-page PDF standing for the derogation form. */
function derogationFormPdf(): Buffer {
  const text = 'Demande de derogation scolaire 2026/2027 - Bellerive-sur-Allier';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length + 33} >>\nstream\nBT /F1 14 Tf 50 780 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export interface ContentSeedOptions {
  contentDatabaseUrl: string;
  identityDatabaseUrl: string;
  adminEmail: string;
  env?: NodeJS.ProcessEnv;
  logDestination?: DestinationStream;
  say?: (line: string) => void;
}

export interface ContentSeedReport {
  news: number;
  tiles: number;
  files: number;
}

async function readIdentity(
  databaseUrl: string,
  adminEmail: string,
): Promise<{ organisations: Map<string, string>; admin: AdminCaller }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const organisations = await client.query<{ id: string; slug: string }>(
      'SELECT id, slug FROM organisations',
    );
    const admin = await client.query<{ id: string }>(
      "SELECT id FROM accounts WHERE kind = 'admin' AND email_normalized = lower($1)",
      [adminEmail],
    );
    if (!admin.rows[0]) {
      throw new Error(`No administrator ${adminEmail} in identity: run the identity seed first`);
    }
    return {
      organisations: new Map(organisations.rows.map((row) => [row.slug, row.id])),
      admin: { kind: 'admin', accountId: admin.rows[0].id },
    };
  } finally {
    await client.end();
  }
}

export async function seedContent(options: ContentSeedOptions): Promise<ContentSeedReport> {
  const say = options.say ?? (() => undefined);
  const { organisations, admin } = await readIdentity(
    options.identityDatabaseUrl,
    options.adminEmail,
  );
  const organisationId = (slug: Slug) => {
    const id = organisations.get(slug);
    if (!id) throw new Error(`No organisation ${slug} in identity: run the identity seed first`);
    return id;
  };
  const app = await bootSeedService(contentService, contentEnvSchema, {
    databaseUrl: options.contentDatabaseUrl,
    env: options.env,
    logDestination: options.logDestination,
  });
  const report: ContentSeedReport = { news: 0, tiles: 0, files: 0 };
  try {
    // The organisations were just read from identity's database; no identity runs to be asked.
    app.get(OrganisationDirectory).remember(organisations.values());
    const dataSource = app.get(DataSource);
    const exists = async (table: 'news_items' | 'tiles', organisation: string, title: string) =>
      (
        await dataSource.query<unknown[]>(
          `SELECT 1 FROM ${table} WHERE organisation_id = $1 AND title = $2`,
          [organisation, title],
        )
      ).length > 0;

    for (const { organisation, ...news } of DEMO_NEWS) {
      const id = organisationId(organisation);
      if (await exists('news_items', id, news.title)) continue;
      await app.get(CreateNews).execute(admin, { ...news, organisationId: id });
      report.news += 1;
      say(`  news "${news.title}" (${organisation})`);
    }

    const bellerive = organisationId('bellerive-sur-allier');
    const schoolsTitle = 'Préinscriptions scolaires à Bellerive-sur-Allier';
    if (!(await exists('tiles', bellerive, schoolsTitle))) {
      const form = await app.get(UploadFile).execute(admin, {
        organisationId: bellerive,
        kind: 'attachment',
        fileName: 'derogation-scolaire-2026-2027.pdf',
        contentBase64: derogationFormPdf().toString('base64'),
      });
      report.files += 1;
      const tile: CreateTileCommand = {
        organisationId: bellerive,
        kind: 'activity',
        title: schoolsTitle,
        bodyMarkdown: BELLERIVE_BODY,
        blocks: {
          ...BELLERIVE_SCHOOLS,
          attachments: [{ fileId: form.id, label: 'Formulaire de dérogation scolaire 2026/2027' }],
        },
        position: 1,
        status: 'published',
      };
      await app.get(CreateTile).execute(admin, tile);
      report.tiles += 1;
      say(`  tile "${schoolsTitle}" (bellerive-sur-allier)`);
    }

    const vichy = organisationId('vichy');
    const contactsTitle = 'Coordonnées des différents services gestionnaires';
    if (!(await exists('tiles', vichy, contactsTitle))) {
      await app.get(CreateTile).execute(admin, {
        organisationId: vichy,
        kind: 'contact',
        title: contactsTitle,
        bodyMarkdown:
          'Une fois son espace personnel créé, la famille peut accéder aux différentes démarches ouvertes en se connectant à son espace.',
        blocks: VICHY_CONTACTS,
        position: 1,
        status: 'published',
      });
      report.tiles += 1;
      say(`  tile "${contactsTitle}" (vichy)`);
    }
  } finally {
    await app.close();
  }
  return report;
}

if (require.main === module) {
  runSeedStep(
    (say) =>
      seedContent({
        contentDatabaseUrl: process.env.CONTENT_DATABASE_URL ?? DEFAULT_CONTENT_DATABASE_URL,
        identityDatabaseUrl: process.env.DATABASE_URL ?? DEFAULT_IDENTITY_DATABASE_URL,
        adminEmail: process.env.SEED_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL,
        env: { LOG_LEVEL: 'warn', ...process.env },
        say,
      }),
    (report) =>
      report.news + report.tiles + report.files
        ? `Seeded content: ${report.news} news item(s), ${report.tiles} tile(s), ${report.files} file(s).`
        : 'Demo content already present: nothing to do.',
  );
}
