/**
 * `npm run seed`, third step: the procedures ("démarches") of the specification
 * (../shared/seed) for the school year 2026-2027: school catering in Vichy (validated by the
 * service), morning care (automatic), Wednesdays in Vichy (pre-billed), school
 * pre-registration in Bellerive-sur-Allier (school assignment and certificate), the music
 * conservatory, 100% Sports summer weeks and the Pass'Sport. Idempotent: a procedure whose
 * service, season and title exist is left alone.
 *
 * Municipal services are created by the identity seed (first step). Their ids and names, and
 * the seeded administrator who writes the procedures, are read from identity's database with
 * read-only queries: the seed runs without any service up, so asking identity over NATS would
 * need a running identity service. It boots the enrolment service's own modules and calls its
 * use case, so the same validation (form definition, eligibility, grant, window) applies.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  CreateProcedureCommand,
  type AdminCaller,
  type DirectoryCommune,
  type FormField,
  type FormFieldOption,
  type SchoolLevel,
} from '@portail/contracts';
import type { DestinationStream } from '@portail/logging';
import { DomainException, rpcValidationPipe } from '@portail/service-kit';
import { enrolmentEnvSchema } from '../services/enrolment/src/config';
import { enrolmentService } from '../services/enrolment/src/enrolment.service';
import { CommuneDirectory } from '../services/enrolment/src/households/commune-directory';
import { CreateProcedure } from '../services/enrolment/src/procedures/create-procedure.use-case';
import { ServiceDirectory } from '../services/enrolment/src/procedures/service-directory';
import { runSeedStep } from './seed-main';
import { bootSeedService } from './seed-service';

const DEFAULT_ENROLMENT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_enrolment';
const DEFAULT_IDENTITY_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_identity';
const DEFAULT_ADMIN_EMAIL = 'admin@portail-famille.test';

type Slug = 'vichy-communaute' | 'vichy' | 'cusset' | 'bellerive-sur-allier';

export type DemoProcedure = Omit<CreateProcedureCommand, 'municipalServiceId'> & {
  organisation: Slug;
  /** The municipal service's code in the identity seed's directory. */
  serviceCode: string;
};

// ---------------------------------------------------------------------------------------------
// Shared pieces of the forms.

const ESPACE_ECOLES = 'Espace Écoles, du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00';

const SCHOOL_DAYS: FormFieldOption[] = [
  { value: 'monday', label: 'Lundi' },
  { value: 'tuesday', label: 'Mardi' },
  { value: 'thursday', label: 'Jeudi' },
  { value: 'friday', label: 'Vendredi' },
];

const PRIMARY_SCHOOL_LEVELS: SchoolLevel[] = [
  'TPS',
  'PS',
  'MS',
  'GS',
  'CP',
  'CE1',
  'CE2',
  'CM1',
  'CM2',
];

const CONSERVATORY_INSTRUMENTS: FormFieldOption[] = [
  ['piano', 'Piano'],
  ['violin', 'Violon'],
  ['viola', 'Alto'],
  ['cello', 'Violoncelle'],
  ['double-bass', 'Contrebasse'],
  ['guitar', 'Guitare'],
  ['flute', 'Flûte traversière'],
  ['oboe', 'Hautbois'],
  ['clarinet', 'Clarinette'],
  ['saxophone', 'Saxophone'],
  ['trumpet', 'Trompette'],
  ['trombone', 'Trombone'],
  ['horn', 'Cor'],
  ['percussion', 'Percussions'],
  ['voice', 'Chant'],
].map(([value, label]) => ({ value, label }));

function imageRights(organisation: string): FormField {
  return {
    key: 'image-rights',
    type: 'yes-no',
    label: `Droit à l’image : autorisez-vous ${organisation} à photographier ou filmer votre enfant pendant les activités ?`,
    help: 'Les images peuvent illustrer les publications et le site de la collectivité, sans mention du nom de l’enfant. Vous pouvez retirer votre autorisation à tout moment.',
    required: true,
  };
}

function rulesConsent(rules: string): FormField {
  return {
    key: 'consent',
    type: 'consent',
    label: `Je certifie l’exactitude des renseignements fournis et j’accepte ${rules}.`,
    required: true,
  };
}

/** A yes-no question and the details it calls for when answered yes. */
function yesWithDetails(
  key: string,
  question: string,
  details: { label: string; help?: string },
  prefillFrom?: FormField['prefillFrom'],
): FormField[] {
  return [
    { key, type: 'yes-no', label: question, required: true, ...(prefillFrom && { prefillFrom }) },
    {
      ...(prefillFrom && { prefillFrom }),
      key: `${key}-details`,
      type: 'text',
      label: details.label,
      help: details.help ?? null,
      required: true,
      max: 1000,
      visibleWhen: { field: key, equals: [true] },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The procedures. Windows are in Paris time; on the demo date (26 November 2026) every one is
// open except 100% Sports, whose summer registrations open in April as the news item tells.

export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    organisation: 'vichy',
    serviceCode: 'school-catering',
    season: '2026-2027',
    title: 'Inscription à la restauration scolaire',
    description: [
      'Le restaurant scolaire accueille les élèves des écoles maternelles et élémentaires publiques de Vichy les lundis, mardis, jeudis et vendredis. Cette inscription vaut pour l’année scolaire 2026-2027 et doit être renouvelée chaque année.',
      'Comment se déroule l’inscription ?\n1. Vous complétez le formulaire : santé de l’enfant (allergies, régime alimentaire), autorisations et facturation.\n2. Vous joignez les pièces justificatives demandées, ou vous choisissez celles déjà déposées dans votre espace de stockage sécurisé.\n3. Vous vérifiez le récapitulatif, puis vous validez votre demande.',
      'Votre demande est ensuite étudiée par le service Restauration scolaire. Vous recevez un courriel dès qu’elle est validée : vous pouvez alors réserver les repas de votre enfant depuis votre espace personnel, jour par jour ou de façon régulière (par exemple tous les lundis et jeudis), en respectant le délai de prévenance.',
      'Allergies et régimes médicaux : tout régime lié à la santé de l’enfant nécessite un projet d’accueil individualisé (PAI) établi avec le médecin scolaire. S’il existe déjà, joignez-le à votre demande.',
      'Facturation : les repas sont facturés à terme échu, chaque mois, d’après les repas réservés et les absences non justifiées. Les factures se règlent en ligne (PayFIP), par prélèvement automatique ou auprès du Trésor Public. Le tarif dépend de votre quotient familial : sans attestation CAF, le tarif maximal s’applique.',
      `Contact : service Restauration scolaire, 04 70 30 55 04 (messagerie vocale : 04 70 30 55 90), ${ESPACE_ECOLES}.`,
    ].join('\n\n'),
    form: {
      fields: [
        {
          key: 'start-date',
          type: 'date',
          label: 'Date de début souhaitée',
          help: 'Premier jour où votre enfant déjeunera au restaurant scolaire.',
          required: true,
          minDate: '2026-09-01',
          maxDate: '2027-07-02',
        },
        {
          key: 'usual-days',
          type: 'multiple-choice',
          label: 'Jours de restauration habituels',
          help: 'À titre indicatif : vous réserverez ensuite les repas depuis votre espace.',
          required: false,
          options: SCHOOL_DAYS,
        },
        ...yesWithDetails(
          'allergies',
          'Votre enfant a-t-il une allergie ou une intolérance alimentaire ?',
          {
            label: 'Précisez les aliments concernés et la conduite à tenir',
            help: 'Un PAI est nécessaire pour tout régime lié à la santé de l’enfant.',
          },
          // Prefilled from the child's record (allergies), for the family to confirm.
          'child.allergies',
        ),
        {
          key: 'pai',
          type: 'yes-no',
          label: 'Un projet d’accueil individualisé (PAI) a-t-il déjà été établi ?',
          help: 'Si oui, joignez-le à votre demande.',
          required: true,
          visibleWhen: { field: 'allergies', equals: [true] },
          prefillFrom: 'child.pai',
        },
        {
          key: 'diet',
          type: 'single-choice',
          label: 'Régime alimentaire',
          required: true,
          options: [
            { value: 'standard', label: 'Menu standard' },
            { value: 'no-pork', label: 'Menu sans porc' },
            { value: 'no-meat', label: 'Menu sans viande' },
            { value: 'packed-lunch', label: 'Panier repas fourni par la famille (avec un PAI)' },
          ],
        },
        imageRights('la ville de Vichy'),
        {
          key: 'payer',
          type: 'single-choice',
          label: 'Qui règle les factures ?',
          required: true,
          options: [
            { value: 'first-guardian', label: 'Le responsable légal 1' },
            { value: 'second-guardian', label: 'Le responsable légal 2' },
            { value: 'shared', label: 'Les deux responsables, chacun pour ses jours de garde' },
            { value: 'third-party', label: 'Un tiers (organisme, employeur…)' },
          ],
        },
        {
          key: 'third-party-name',
          type: 'text',
          label: 'Nom du tiers payeur',
          required: true,
          max: 200,
          visibleWhen: { field: 'payer', equals: ['third-party'] },
        },
        {
          key: 'third-party-address',
          type: 'address',
          label: 'Adresse de facturation du tiers payeur',
          required: true,
          visibleWhen: { field: 'payer', equals: ['third-party'] },
        },
        {
          key: 'direct-debit',
          type: 'yes-no',
          label: 'Souhaitez-vous régler les factures par prélèvement automatique ?',
          help: 'Le service vous adressera un mandat de prélèvement SEPA à signer. Sinon, vous réglez chaque facture en ligne (PayFIP) ou auprès du Trésor Public.',
          required: true,
        },
        rulesConsent('le règlement intérieur de la restauration scolaire'),
      ],
    },
    requiredDocuments: [
      {
        documentType: 'justificatif-de-domicile',
        required: true,
        help: 'Facture d’énergie, d’eau ou de téléphone, ou quittance de loyer, de moins de 3 mois.',
      },
      {
        documentType: 'attestation-caf',
        required: false,
        help: 'Pour appliquer le tarif de votre quotient familial ; à défaut, le tarif maximal s’applique.',
      },
      {
        documentType: 'pai',
        required: false,
        help: 'Si votre enfant a une allergie ou un régime médical : le PAI signé par le médecin scolaire.',
      },
      {
        documentType: 'jugement-de-garde',
        required: false,
        help: 'Parents séparés : pour répartir la facturation selon la résidence de l’enfant.',
      },
    ],
    eligibility: { schoolLevels: PRIMARY_SCHOOL_LEVELS, residence: 'any' },
    opensAt: '2026-06-01T08:00:00+02:00',
    closesAt: '2027-07-03T00:00:00+02:00',
    capacity: null,
    validationMode: 'manual',
    grant: {
      kind: 'activity-booking',
      activityCode: 'restauration-scolaire',
      activityName: 'Restauration scolaire',
      billing: 'post-billing',
    },
    status: 'published',
  },
  {
    organisation: 'vichy',
    serviceCode: 'out-of-school-care',
    season: '2026-2027',
    title: 'Accueil du matin',
    description: [
      'L’accueil du matin reçoit les enfants des écoles maternelles et élémentaires publiques de Vichy avant la classe, à partir de 7h30, les lundis, mardis, jeudis et vendredis.',
      'Cette inscription est immédiate : aucune pièce justificative n’est demandée et le service n’a pas à la valider. Dès que vous avez validé le récapitulatif, vous pouvez indiquer les jours de présence de votre enfant, ponctuellement ou de façon régulière. Les réservations faites dans le respect du délai de prévenance sont acceptées automatiquement.',
      'Pensez à tenir à jour, dans votre espace, les informations de santé de votre enfant et les personnes autorisées à venir le chercher.',
      'L’accueil du matin est facturé à terme échu, chaque mois, d’après les présences et les absences non justifiées.',
      `Contact : Activités périscolaires - Animations, 04 70 30 17 67, ${ESPACE_ECOLES}.`,
    ].join('\n\n'),
    form: {
      fields: [
        {
          key: 'usual-days',
          type: 'multiple-choice',
          label: 'Jours de présence habituels',
          help: 'À titre indicatif : vous réserverez ensuite les jours de présence depuis votre espace.',
          required: false,
          options: SCHOOL_DAYS,
        },
        rulesConsent('le règlement des accueils périscolaires'),
      ],
    },
    requiredDocuments: [],
    eligibility: { schoolLevels: PRIMARY_SCHOOL_LEVELS, residence: 'any' },
    opensAt: '2026-06-01T08:00:00+02:00',
    closesAt: '2027-07-03T00:00:00+02:00',
    capacity: null,
    validationMode: 'automatic',
    grant: {
      kind: 'activity-booking',
      activityCode: 'accueil-matin',
      activityName: 'Accueil du matin',
      billing: 'post-billing',
    },
    status: 'published',
  },
  {
    // The directory puts Wednesdays with the out-of-school care service ("Accueils du matin
    // et du soir, mercredis"), the one the spec's Vichy agents validate.
    organisation: 'vichy',
    serviceCode: 'out-of-school-care',
    season: '2026-2027',
    title: 'Accueil de loisirs du mercredi',
    description: [
      'Le mercredi, les accueils de loisirs de la ville de Vichy reçoivent les enfants de 3 à 11 ans, à la journée ou à la demi-journée, avec ou sans repas : activités sportives, culturelles et de plein air encadrées par des animateurs diplômés.',
      'Votre demande d’inscription est étudiée par le service ; vous êtes informé(e) par courriel de sa validation.',
      'Les mercredis sont payables à la réservation (pré-facturation) : une fois l’inscription validée, le service génère la facture de vos réservations et vous la réglez par carte bancaire directement depuis votre espace personnel. Le paiement est encaissé par la régie des accueils de loisirs.',
      'Pièces à fournir : les pages des vaccinations du carnet de santé et une attestation d’assurance (responsabilité civile et individuelle accident) couvrant les activités extrascolaires. L’attestation CAF permet d’appliquer le tarif de votre quotient familial.',
      `Contact : Activités périscolaires - Animations, 04 70 30 17 67, ${ESPACE_ECOLES}.`,
    ].join('\n\n'),
    form: {
      fields: [
        {
          key: 'formula',
          type: 'single-choice',
          label: 'Formule souhaitée',
          required: true,
          options: [
            { value: 'full-day', label: 'Journée avec repas' },
            { value: 'morning-meal', label: 'Matinée avec repas' },
            { value: 'afternoon', label: 'Après-midi sans repas' },
          ],
        },
        ...yesWithDetails(
          'health',
          'Votre enfant a-t-il une allergie, un traitement ou un problème de santé à signaler ?',
          { label: 'Précisez (allergies, traitement, conduite à tenir)' },
        ),
        {
          key: 'can-swim',
          type: 'yes-no',
          label: 'Votre enfant sait-il nager ?',
          help: 'Pour les sorties à la piscine ou au plan d’eau.',
          required: false,
        },
        imageRights('la ville de Vichy'),
        rulesConsent('le règlement des accueils de loisirs'),
      ],
    },
    requiredDocuments: [
      {
        documentType: 'carnet-de-sante',
        required: true,
        help: 'Les pages des vaccinations.',
      },
      {
        documentType: 'attestation-assurance',
        required: true,
        help: 'Responsabilité civile et individuelle accident couvrant les activités extrascolaires 2026-2027.',
      },
      {
        documentType: 'attestation-caf',
        required: false,
        help: 'Pour appliquer le tarif de votre quotient familial.',
      },
    ],
    eligibility: { minAgeYears: 3, maxAgeYears: 11, residence: 'any' },
    opensAt: '2026-06-15T08:00:00+02:00',
    closesAt: '2027-07-01T00:00:00+02:00',
    capacity: null,
    validationMode: 'manual',
    grant: {
      kind: 'activity-booking',
      activityCode: 'mercredis',
      activityName: 'Mercredis - accueil de loisirs',
      billing: 'pre-billing',
    },
    status: 'published',
  },
  {
    organisation: 'bellerive-sur-allier',
    serviceCode: 'education',
    season: '2026-2027',
    title: 'Préinscription scolaire',
    description: [
      'Les préinscriptions scolaires sont possibles tout au long de l’année auprès du service éducation de la ville de Bellerive-sur-Allier, pour une entrée à l’école maternelle (dès 2 ans, en toute petite section, dans la limite des places) ou à l’école élémentaire.',
      'La commune compte 4 établissements scolaires : 2 écoles maternelles (Alexandre Varenne, Jean Zay) et 2 écoles élémentaires (Marx Dormoy, Jean-Baptiste Burlot). L’école d’affectation est décidée par le service éducation selon votre adresse ; vous pouvez indiquer une préférence.',
      'Pièces à fournir : le livret de famille et le carnet de santé de l’enfant.',
      'Vous ne résidez pas à Bellerive-sur-Allier ? Une dérogation scolaire est possible : indiquez-le dans le formulaire et joignez le formulaire de dérogation (à télécharger sur la page d’accueil), complété et signé.',
      'Un certificat d’inscription avec la mention de l’école d’affectation de l’élève vous sera envoyé ; vous pourrez aussi le télécharger depuis votre espace personnel. La famille munie dudit certificat, du carnet de santé de l’enfant et du livret de famille, peut ensuite se rendre dans l’école concernée pour procéder à l’admission définitive de son ou de ses enfants.',
      'Contact : service éducation, 04 70 58 87 10, du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00.',
    ].join('\n\n'),
    form: {
      fields: [
        {
          key: 'requested-level',
          type: 'single-choice',
          label: 'Niveau demandé',
          required: true,
          options: [
            { value: 'TPS', label: 'Toute petite section (TPS)' },
            { value: 'PS', label: 'Petite section (PS)' },
            { value: 'MS', label: 'Moyenne section (MS)' },
            { value: 'GS', label: 'Grande section (GS)' },
            { value: 'CP', label: 'Cours préparatoire (CP)' },
            { value: 'CE1', label: 'Cours élémentaire 1re année (CE1)' },
            { value: 'CE2', label: 'Cours élémentaire 2e année (CE2)' },
            { value: 'CM1', label: 'Cours moyen 1re année (CM1)' },
            { value: 'CM2', label: 'Cours moyen 2e année (CM2)' },
          ],
        },
        {
          key: 'current-school',
          type: 'text',
          label: 'École fréquentée actuellement',
          help: 'Nom et commune de l’école, si votre enfant est déjà scolarisé.',
          required: false,
          max: 200,
        },
        {
          key: 'resident',
          type: 'yes-no',
          label: 'Résidez-vous à Bellerive-sur-Allier ?',
          required: true,
          // Checked against the household's commune: a contradiction is shown to the agent.
          semantics: 'resides-in-commune',
          commune: { name: 'Bellerive-sur-Allier', inseeCode: '03023' },
        },
        {
          key: 'derogation-reason',
          type: 'single-choice',
          label: 'Motif de la demande de dérogation scolaire',
          help: 'Joignez le formulaire de dérogation complété et signé.',
          required: true,
          options: [
            {
              value: 'work',
              label: 'Lieu de travail d’un responsable légal à Bellerive-sur-Allier',
            },
            { value: 'sibling', label: 'Frère ou sœur déjà scolarisé(e) à Bellerive-sur-Allier' },
            {
              value: 'childcare',
              label: 'Mode de garde (assistant maternel, famille) à Bellerive-sur-Allier',
            },
            { value: 'medical', label: 'Raison médicale' },
            { value: 'other', label: 'Autre motif' },
          ],
          visibleWhen: { field: 'resident', equals: [false] },
        },
        {
          key: 'derogation-details',
          type: 'text',
          label: 'Précisez votre demande de dérogation',
          help: 'Commune de résidence, école de votre secteur, contraintes de garde ou de travail…',
          required: true,
          max: 1000,
          visibleWhen: { field: 'resident', equals: [false] },
        },
        {
          key: 'preferred-school',
          type: 'single-choice',
          label: 'École souhaitée',
          help: 'Indicatif : l’affectation tient compte de votre adresse et des places disponibles.',
          required: false,
          options: [
            { value: 'alexandre-varenne', label: 'École maternelle Alexandre Varenne' },
            { value: 'jean-zay', label: 'École maternelle Jean Zay' },
            { value: 'marx-dormoy', label: 'École élémentaire Marx Dormoy' },
            { value: 'jean-baptiste-burlot', label: 'École élémentaire Jean-Baptiste Burlot' },
            { value: 'no-preference', label: 'Pas de préférence' },
          ],
        },
        {
          key: 'siblings',
          type: 'text',
          label: 'Frères et sœurs déjà scolarisés à Bellerive-sur-Allier',
          help: 'Prénom et école de chacun.',
          required: false,
          max: 500,
        },
        {
          key: 'consent',
          type: 'consent',
          label: 'Je certifie l’exactitude des renseignements fournis.',
          required: true,
        },
      ],
    },
    requiredDocuments: [
      { documentType: 'livret-de-famille', required: true },
      { documentType: 'carnet-de-sante', required: true, help: 'Les pages des vaccinations.' },
      {
        documentType: 'autre',
        required: false,
        help: 'Si vous ne résidez pas à Bellerive-sur-Allier : le formulaire de dérogation scolaire complété et signé.',
      },
    ],
    // Residence stays `any`: families outside the commune file a derogation request here,
    // which the service grants or refuses when it decides.
    eligibility: { minAgeYears: 2, maxAgeYears: 11, ageOn: '2026-12-31', residence: 'any' },
    opensAt: '2026-01-05T08:00:00+01:00',
    closesAt: '2027-07-03T00:00:00+02:00',
    capacity: null,
    validationMode: 'manual',
    grant: { kind: 'school-assignment' },
    status: 'published',
  },
  {
    organisation: 'vichy-communaute',
    serviceCode: 'music-conservatory',
    season: '2026-2027',
    title: 'Inscription au Conservatoire',
    description: [
      'Le Conservatoire de Vichy Communauté propose l’éveil musical dès 4 ans, l’apprentissage d’un instrument ou du chant, la formation musicale et les pratiques collectives (orchestres, chœurs, ensembles).',
      'Les inscriptions se font en ligne sur le portail famille. Elles sont traitées par le secrétariat du Conservatoire, qui vous confirme l’inscription par courriel dans la limite des places disponibles ; les horaires de cours sont ensuite établis avec les professeurs.',
      'Nouveaux élèves disposant déjà d’un acquis musical dans un autre établissement : un test de formation musicale vous sera proposé pour déterminer votre niveau.',
      'Les droits d’inscription dépendent de votre lieu de résidence (tarif communautaire pour les habitants de Vichy Communauté, sur justificatif de domicile) et de votre quotient familial (attestation CAF).',
      'Durant la fermeture annuelle du Conservatoire, de fin juillet à fin août, les inscriptions restent en ligne mais leur traitement n’est réalisé qu’à la réouverture.',
      'Contact : Conservatoire de musique Vichy Communauté, 04 70 58 42 50, du lundi au vendredi de 9h00 à 12h00 et de 14h00 à 18h00.',
    ].join('\n\n'),
    form: {
      fields: [
        {
          key: 'course',
          type: 'single-choice',
          label: 'Parcours souhaité',
          required: true,
          options: [
            { value: 'early-years', label: 'Éveil musical (4 à 6 ans)' },
            { value: 'instrument', label: 'Instrument ou chant, avec formation musicale' },
            { value: 'music-theory', label: 'Formation musicale seule' },
            { value: 'ensemble', label: 'Pratique collective seule' },
          ],
        },
        {
          key: 'instrument',
          type: 'single-choice',
          label: 'Instrument ou discipline',
          required: true,
          options: CONSERVATORY_INSTRUMENTS,
          visibleWhen: { field: 'course', equals: ['instrument'] },
        },
        {
          key: 'second-choice',
          type: 'single-choice',
          label: 'Second choix, si la classe demandée est complète',
          required: false,
          options: CONSERVATORY_INSTRUMENTS,
          visibleWhen: { field: 'course', equals: ['instrument'] },
        },
        {
          key: 'level',
          type: 'single-choice',
          label: 'Niveau',
          required: true,
          options: [
            { value: 'beginner', label: 'Débutant' },
            { value: 'cycle-1', label: '1er cycle' },
            { value: 'cycle-2', label: '2e cycle' },
            { value: 'cycle-3', label: '3e cycle' },
          ],
          visibleWhen: { field: 'course', equals: ['instrument', 'music-theory', 'ensemble'] },
        },
        {
          key: 'years-of-practice',
          type: 'number',
          label: 'Nombre d’années de pratique',
          required: true,
          min: 1,
          max: 20,
          visibleWhen: { field: 'level', equals: ['cycle-1', 'cycle-2', 'cycle-3'] },
        },
        {
          key: 'previous-school',
          type: 'text',
          label: 'Établissement fréquenté précédemment',
          help: 'Les nouveaux élèves disposant déjà d’un acquis musical passent un test de formation musicale à la rentrée.',
          required: false,
          max: 200,
          visibleWhen: { field: 'level', equals: ['cycle-1', 'cycle-2', 'cycle-3'] },
        },
        {
          key: 'ensembles',
          type: 'multiple-choice',
          label: 'Pratiques collectives souhaitées (deux au plus)',
          required: false,
          max: 2,
          options: [
            { value: 'orchestra', label: 'Orchestre' },
            { value: 'choir', label: 'Chœur d’enfants' },
            { value: 'guitar-ensemble', label: 'Ensemble de guitares' },
            { value: 'chamber-music', label: 'Musique de chambre' },
            { value: 'jazz', label: 'Atelier jazz' },
          ],
        },
        imageRights('Vichy Communauté'),
        rulesConsent('le règlement intérieur du Conservatoire'),
      ],
    },
    requiredDocuments: [
      {
        documentType: 'justificatif-de-domicile',
        required: false,
        help: 'Pour le tarif communautaire : un justificatif de moins de 3 mois dans une commune de Vichy Communauté.',
      },
      {
        documentType: 'attestation-caf',
        required: false,
        help: 'Pour appliquer le tarif de votre quotient familial.',
      },
    ],
    eligibility: { minAgeYears: 4, residence: 'any' },
    opensAt: '2026-06-01T09:00:00+02:00',
    closesAt: '2027-02-01T00:00:00+01:00',
    capacity: 120,
    validationMode: 'manual',
    grant: {
      kind: 'activity-booking',
      activityCode: 'conservatoire',
      activityName: 'Conservatoire de musique',
      billing: 'post-billing',
    },
    status: 'published',
  },
  {
    // Automatic: the spec's rule is that no document and no review means no validation step;
    // the places ("séjours complets") are what limits it.
    organisation: 'vichy-communaute',
    serviceCode: 'sports',
    season: '2026-2027',
    title: '100% Sports vacances été',
    description: [
      'Pendant les vacances d’été 2027, Vichy Communauté propose aux jeunes de 6 à 17 ans des semaines 100% Sports, du lundi au vendredi : initiation et perfectionnement dans de nombreuses disciplines (sports collectifs, raquettes, activités nautiques, escalade, VTT…), encadrés par des éducateurs sportifs diplômés.',
      'L’inscription est enregistrée immédiatement, dans la limite des places disponibles : aucune pièce n’est demandée. Vous choisissez ensuite les semaines souhaitées et réglez la réservation en ligne par carte bancaire (paiement à la réservation).',
      'Les places sont limitées et les séjours sont souvent complets dès le mois de juin : pensez à inscrire votre enfant tôt.',
      'Pour les activités nautiques, votre enfant doit savoir nager ; une attestation d’aisance aquatique pourra vous être demandée le premier jour.',
      'Contact : 100% Sports vacances et Pass’Sport Été, 04 70 58 42 70.',
    ].join('\n\n'),
    form: {
      fields: [
        {
          key: 'can-swim',
          type: 'yes-no',
          label: 'Votre enfant sait-il nager ?',
          required: true,
        },
        {
          key: 'club-sports',
          type: 'text',
          label: 'Sports déjà pratiqués en club',
          required: false,
          max: 200,
        },
        ...yesWithDetails(
          'health',
          'Votre enfant a-t-il un problème de santé à signaler aux éducateurs ?',
          { label: 'Précisez (allergies, asthme, traitement, conduite à tenir)' },
        ),
        imageRights('Vichy Communauté'),
        {
          key: 'consent',
          type: 'consent',
          label:
            'J’atteste que mon enfant ne présente pas de contre-indication à la pratique sportive et j’accepte le règlement des séjours 100% Sports.',
          required: true,
        },
      ],
    },
    requiredDocuments: [],
    // The age that counts is the one on the first day of the summer weeks.
    eligibility: { minAgeYears: 6, maxAgeYears: 17, ageOn: '2027-07-05', residence: 'any' },
    opensAt: '2027-04-12T09:00:00+02:00',
    closesAt: '2027-07-01T00:00:00+02:00',
    capacity: 96,
    validationMode: 'automatic',
    grant: {
      kind: 'activity-booking',
      activityCode: 'sports-vacances-ete',
      activityName: '100% Sports vacances été',
      billing: 'pre-billing',
    },
    status: 'published',
  },
  {
    organisation: 'vichy',
    serviceCode: 'pass-sport',
    season: '2026-2027',
    title: 'Demande de Pass’Sport',
    description: [
      'Le Pass’Sport est une allocation de rentrée sportive de 50 € par enfant pour financer tout ou partie de son inscription dans une association sportive de Vichy pour la saison 2026-2027.',
      'Qui peut en bénéficier ? Les enfants de 6 à 17 ans des familles domiciliées à Vichy qui perçoivent l’allocation de rentrée scolaire (ARS) ou l’allocation d’éducation de l’enfant handicapé (AEEH).',
      'Comment faire ? Indiquez le sport et le club choisis, puis joignez l’attestation de la CAF et un justificatif de domicile. Le service des sports étudie votre demande et vous informe de sa décision par courriel ; le club déduit ensuite l’aide du montant de l’inscription.',
      'Les demandes sont reçues jusqu’au 31 décembre 2026.',
      'Contact : Pass’Sport Vichy, 04 70 30 17 90.',
    ].join('\n\n'),
    form: {
      fields: [
        {
          key: 'allowance',
          type: 'single-choice',
          label: 'Votre famille perçoit',
          required: true,
          options: [
            { value: 'ars', label: 'L’allocation de rentrée scolaire (ARS)' },
            { value: 'aeeh', label: 'L’allocation d’éducation de l’enfant handicapé (AEEH)' },
          ],
        },
        { key: 'sport', type: 'text', label: 'Sport pratiqué', required: true, max: 100 },
        {
          key: 'club',
          type: 'text',
          label: 'Club ou association sportive',
          required: true,
          max: 200,
        },
        {
          key: 'licence-number',
          type: 'text',
          label: 'Numéro de licence, s’il est déjà connu',
          required: false,
          pattern: '[A-Za-z0-9-]{4,20}',
          patternMessage: 'Le numéro de licence compte 4 à 20 lettres, chiffres ou tirets.',
        },
        {
          key: 'consent',
          type: 'consent',
          label: 'J’atteste sur l’honneur l’exactitude des renseignements fournis.',
          required: true,
        },
      ],
    },
    requiredDocuments: [
      {
        documentType: 'attestation-caf',
        required: true,
        help: 'L’attestation de paiement de l’ARS ou de l’AEEH délivrée par la CAF ou la MSA.',
      },
      { documentType: 'justificatif-de-domicile', required: true },
    ],
    eligibility: { minAgeYears: 6, maxAgeYears: 17, residence: 'organisation' },
    opensAt: '2026-09-01T08:00:00+02:00',
    closesAt: '2027-01-01T00:00:00+01:00',
    capacity: null,
    validationMode: 'manual',
    grant: { kind: 'none' },
    status: 'published',
  },
];

// ---------------------------------------------------------------------------------------------
// The run.

export interface EnrolmentSeedOptions {
  enrolmentDatabaseUrl: string;
  identityDatabaseUrl: string;
  adminEmail: string;
  env?: NodeJS.ProcessEnv;
  logDestination?: DestinationStream;
  say?: (line: string) => void;
}

export interface EnrolmentSeedReport {
  procedures: number;
}

interface DirectoryService {
  id: string;
  code: string;
  name: string;
  organisationId: string;
  organisationSlug: string;
  organisationName: string;
}

async function readIdentity(
  databaseUrl: string,
  adminEmail: string,
): Promise<{ services: DirectoryService[]; communes: DirectoryCommune[]; admin: AdminCaller }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const services = await client.query<DirectoryService>(
      `SELECT s.id, s.code, s.name, o.id AS "organisationId", o.slug AS "organisationSlug",
              o.name AS "organisationName"
         FROM municipal_services s JOIN organisations o ON o.id = s.organisation_id`,
    );
    const communes = await client.query<DirectoryCommune>(
      `SELECT id, name, insee_code AS "inseeCode" FROM organisations WHERE kind = 'commune'`,
    );
    const admin = await client.query<{ id: string }>(
      "SELECT id FROM accounts WHERE kind = 'admin' AND email_normalized = lower($1)",
      [adminEmail],
    );
    if (!admin.rows[0]) {
      throw new Error(`No administrator ${adminEmail} in identity: run the identity seed first`);
    }
    return {
      services: services.rows,
      communes: communes.rows,
      admin: { kind: 'admin', accountId: admin.rows[0].id },
    };
  } finally {
    await client.end();
  }
}

/**
 * Checks a command with the DTO class the API validates it with (unknown fields refused,
 * texts trimmed), so demo procedures obey the same rules as agents' ones.
 */
async function validated(command: CreateProcedureCommand): Promise<CreateProcedureCommand> {
  try {
    return (await rpcValidationPipe().transform(command, {
      type: 'body',
      metatype: CreateProcedureCommand,
    })) as CreateProcedureCommand;
  } catch (error) {
    if (error instanceof DomainException) {
      throw new Error(
        `Seed data: procedure "${command.title}": ${JSON.stringify(error.envelope.details ?? error.envelope)}`,
      );
    }
    throw error;
  }
}

export async function seedEnrolment(options: EnrolmentSeedOptions): Promise<EnrolmentSeedReport> {
  const say = options.say ?? (() => undefined);
  const { services, communes, admin } = await readIdentity(
    options.identityDatabaseUrl,
    options.adminEmail,
  );
  const serviceOf = (organisation: Slug, code: string) => {
    const service = services.find(
      (candidate) => candidate.organisationSlug === organisation && candidate.code === code,
    );
    if (!service) {
      throw new Error(
        `No service ${code} of ${organisation} in identity: run the identity seed first`,
      );
    }
    return service;
  };
  // Fail before anything is written when the directory lacks a service.
  for (const demo of DEMO_PROCEDURES) serviceOf(demo.organisation, demo.serviceCode);

  const app = await bootSeedService(enrolmentService, enrolmentEnvSchema, {
    databaseUrl: options.enrolmentDatabaseUrl,
    env: options.env,
    logDestination: options.logDestination,
  });
  const report: EnrolmentSeedReport = { procedures: 0 };
  try {
    // The services were just read from identity's database; no identity runs to be asked.
    app.get(ServiceDirectory).remember(
      services.map(({ id, organisationId, organisationName, name }) => ({
        id,
        organisationId,
        organisationName,
        name,
      })),
    );
    app.get(CommuneDirectory).remember(communes);
    const dataSource = app.get(DataSource);
    for (const { organisation, serviceCode, ...procedure } of DEMO_PROCEDURES) {
      const service = serviceOf(organisation, serviceCode);
      const existing = await dataSource.query<unknown[]>(
        'SELECT 1 FROM procedures WHERE municipal_service_id = $1 AND season = $2 AND title = $3',
        [service.id, procedure.season, procedure.title],
      );
      if (existing.length) continue;
      const command = await validated({ ...procedure, municipalServiceId: service.id });
      await app.get(CreateProcedure).execute(admin, command);
      report.procedures += 1;
      say(`  procedure "${procedure.title}" ${procedure.season} (${organisation}/${serviceCode})`);
    }
  } finally {
    await app.close();
  }
  return report;
}

if (require.main === module) {
  runSeedStep(
    (say) =>
      seedEnrolment({
        enrolmentDatabaseUrl: process.env.ENROLMENT_DATABASE_URL ?? DEFAULT_ENROLMENT_DATABASE_URL,
        identityDatabaseUrl: process.env.DATABASE_URL ?? DEFAULT_IDENTITY_DATABASE_URL,
        adminEmail: process.env.SEED_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL,
        env: { LOG_LEVEL: 'warn', ...process.env },
        say,
      }),
    (report) =>
      report.procedures
        ? `Seeded enrolment: ${report.procedures} procedure(s).`
        : 'Demo procedures already present: nothing to do.',
  );
}
