import { SERVICE_POSTAL_ADDRESS } from './service';

// Who publishes, hosts and answers for the site: the legal pages (/mentions-legales, /donnees-personnelles,
// /accessibilite) read them here. Each deployment sets its own; the defaults describe the Métropole hosting itself.
// Read at request time by server pages; multi-line values are written on one line with « \n » between the lines.

const read = (name: string, fallback: string) => process.env[name]?.trim().replace(/\\n/g, '\n') || fallback;

export const LEGAL = {
  publisher: read('LEGAL_PUBLISHER', SERVICE_POSTAL_ADDRESS),
  publicationDirector: read('LEGAL_PUBLICATION_DIRECTOR', 'Le président de Clermont Auvergne Métropole'),
  host: read(
    'LEGAL_HOST',
    'Clermont Auvergne Métropole, direction du numérique\n64-66 avenue de l’Union Soviétique\n63007 Clermont-Ferrand Cedex 1',
  ),
  /** Where a resident reports an accessibility barrier. */
  accessibilityEmail: read('LEGAL_ACCESSIBILITY_EMAIL', 'accessibilite@proximcite.example'),
  /** The data protection officer (délégué à la protection des données), by e-mail and by post. */
  dpoEmail: read('LEGAL_DPO_EMAIL', 'dpo@proximcite.example'),
  dpoAddress: read('LEGAL_DPO_ADDRESS', `Délégué à la protection des données\n${SERVICE_POSTAL_ADDRESS}`),
  /** When the accessibility statement was last written (after a change of the checks, update it). */
  accessibilityStatementDate: read('LEGAL_ACCESSIBILITY_DATE', '29 novembre 2026'),
};
