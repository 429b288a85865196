import type { Category, Commune, Pole, Report, ReportState } from '@/db/schema';

// The open-data export's columns, as data: the exporter writes them in this order (CSV header, GeoJSON properties) and
// /donnees-ouvertes describes them from the same list. An allowlist: a column not written here is never published.

/** ISO 8601 in UTC to the second (2026-03-04T08:15:00Z): what spreadsheets and programs read without a locale. */
export type IsoInstant = string;

/**
 * What the exporter reads of a report: public facts only, never a reporter_* column, an address or a free text. Its
 * instants come written by the database (a million Date objects cost more than the rest of a row).
 */
export type OpenDataRow = Pick<
  Report,
  'reference' | 'categorySlug' | 'communeInsee' | 'poleId' | 'channel' | 'stateKey' | 'severity' | 'lat' | 'lon'
> & {
  categoryName: Category['name'];
  communeName: Commune['name'];
  poleName: Pole['name'];
  stateLabel: ReportState['label'];
  stateType: ReportState['type'];
  createdAt: IsoInstant;
  acknowledgedAt: IsoInstant | null;
  resolvedAt: IsoInstant | null;
  dueAt: IsoInstant;
};

export type OpenDataValue = string | number | null;

export type OpenDataColumn = {
  name: string;
  type: string;
  meaning: string;
  example: string;
  value: (row: OpenDataRow) => OpenDataValue;
  /** Latitude and longitude: CSV columns, the geometry of a GeoJSON feature rather than properties. */
  isGeometry?: boolean;
};

/**
 * 4 decimals of a degree: 11 m of latitude, 7.8 m of longitude at 45.8° N. Enough to find a pothole or a lamp post, too
 * coarse to single out a front door when a resident placed the pin on their own home.
 */
export const COORDINATE_DECIMALS = 4;
const SCALE = 10 ** COORDINATE_DECIMALS;
export const roundCoordinate = (degrees: number) => Math.round(degrees * SCALE) / SCALE;

const DATE_TYPE = 'date-heure (ISO 8601, UTC)';

export const OPEN_DATA_COLUMNS: readonly OpenDataColumn[] = [
  {
    name: 'reference',
    type: 'texte',
    meaning: 'Référence publique du signalement, celle de sa page de suivi (/suivi/…)',
    example: 'PC-2026-000123',
    value: (r) => r.reference,
  },
  {
    name: 'categorie',
    type: 'code',
    meaning: 'Code de la catégorie d’anomalie',
    example: 'voirie',
    value: (r) => r.categorySlug,
  },
  {
    name: 'categorie_libelle',
    type: 'texte',
    meaning: 'Nom de la catégorie, tel qu’affiché sur le site',
    example: 'Voirie dégradée',
    value: (r) => r.categoryName,
  },
  {
    name: 'commune_insee',
    type: 'code (5 caractères)',
    meaning: 'Code INSEE de la commune où se trouve l’anomalie',
    example: '63113',
    value: (r) => r.communeInsee,
  },
  {
    name: 'commune_nom',
    type: 'texte',
    meaning: 'Nom officiel de la commune (Code officiel géographique)',
    example: 'Clermont-Ferrand',
    value: (r) => r.communeName,
  },
  {
    name: 'pole_id',
    type: 'code',
    meaning: 'Code du pôle de proximité chargé du signalement',
    example: 'centre',
    value: (r) => r.poleId,
  },
  {
    name: 'pole_nom',
    type: 'texte',
    meaning: 'Nom du pôle de proximité',
    example: 'Pôle de proximité Centre',
    value: (r) => r.poleName,
  },
  {
    name: 'canal',
    type: 'code',
    meaning: 'Comment le signalement est arrivé : web (site), phone (numéro vert), counter (accueil en mairie), api',
    example: 'web',
    value: (r) => r.channel,
  },
  {
    name: 'etat',
    type: 'code',
    meaning:
      'État : new, acknowledged, in_progress, reopened (ouverts), resolved (résolu), rejected, duplicate (clos : non retenu, doublon)',
    example: 'acknowledged',
    value: (r) => r.stateKey,
  },
  {
    name: 'etat_libelle',
    type: 'texte',
    meaning: 'Nom de l’état, tel qu’affiché sur le site',
    example: 'Pris en compte',
    value: (r) => r.stateLabel,
  },
  {
    name: 'etat_type',
    type: 'code',
    meaning: 'Type de l’état : open (en cours), resolved (résolu) ou closed (clos sans intervention)',
    example: 'open',
    value: (r) => r.stateType,
  },
  {
    name: 'gravite',
    type: 'code',
    meaning: 'Gravité, qui fixe le délai de traitement : high (2 jours ouvrés), medium (3), low (5)',
    example: 'medium',
    value: (r) => r.severity,
  },
  {
    name: 'cree_le',
    type: DATE_TYPE,
    meaning: 'Date et heure d’enregistrement du signalement',
    example: '2026-03-04T08:15:00Z',
    value: (r) => r.createdAt,
  },
  {
    name: 'pris_en_compte_le',
    type: DATE_TYPE,
    meaning: 'Prise en compte par le pôle ; vide si elle n’a pas encore eu lieu',
    example: '2026-03-04T10:02:00Z',
    value: (r) => r.acknowledgedAt,
  },
  {
    name: 'resolu_le',
    type: DATE_TYPE,
    meaning: 'Résolution ; vide si le signalement n’est pas résolu',
    example: '2026-03-06T15:40:00Z',
    value: (r) => r.resolvedAt,
  },
  {
    name: 'echeance',
    type: DATE_TYPE,
    meaning: 'Échéance de traitement, calculée en jours ouvrés selon la gravité',
    example: '2026-03-09T08:15:00Z',
    value: (r) => r.dueAt,
  },
  {
    name: 'latitude',
    type: `nombre (${COORDINATE_DECIMALS} décimales, WGS 84)`,
    meaning: 'Latitude du lieu, arrondie à environ 11 m',
    example: '45.7772',
    value: (r) => roundCoordinate(r.lat),
    isGeometry: true,
  },
  {
    name: 'longitude',
    type: `nombre (${COORDINATE_DECIMALS} décimales, WGS 84)`,
    meaning: 'Longitude du lieu, arrondie à environ 8 m',
    example: '3.0819',
    value: (r) => roundCoordinate(r.lon),
    isGeometry: true,
  },
];

/** What the datasets leave out, and why; /donnees-ouvertes lists it. */
export const WITHHELD: readonly { what: string; why: string }[] = [
  {
    what: 'Nom, adresse e-mail, téléphone et adresse postale des personnes qui signalent ou suivent un signalement',
    why: 'données personnelles, utilisées seulement pour leur répondre',
  },
  {
    what: 'Adresse saisie avec le signalement',
    why: 'écrite par l’habitant, elle peut désigner son propre domicile ; la commune et les coordonnées arrondies situent l’anomalie',
  },
  {
    what: 'Description, photos, réponse apportée, motifs et notes internes',
    why: 'textes libres et images qui peuvent nommer ou montrer des personnes : la page de suivi de chaque signalement les montre, ils ne sont pas rediffusés en masse',
  },
  {
    what: 'Agents chargés du signalement, liens de suivi privés et clés techniques',
    why: 'ils désignent des personnes ou donnent accès à leurs données',
  },
];
