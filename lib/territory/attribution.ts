// Licence Ouverte 2.0 asks for the source and its date; wording from db/data/SOURCES.md.
export const DATA_ATTRIBUTION =
  'Limites communales : IGN (édition ~2021, via extrait lufages/public_transport_network_accessibility, 2022) – Licence Ouverte Etalab 2.0 ; codes et noms : INSEE COG (via @etalab/decoupage-administratif) – Licence Ouverte 2.0 ; données retraitées. Regroupement des communes en pôles : hypothèse de travail, non officielle.';

export const MAP_DATA_ATTRIBUTION = 'Limites : IGN, INSEE – Licence Ouverte 2.0';
