// Demo and benchmark data are drawn from seeded numbers, so that two runs with the same seed make the same data.

/** mulberry32: small, fast and seeded; returns numbers in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Street names common to the communes of the Métropole, for made-up addresses. */
export const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'place de l’Église',
  'rue Pasteur',
  'chemin des Vignes',
  'rue Victor Hugo',
  'boulevard Gambetta',
  'rue des Écoles',
  'allée des Tilleuls',
  'rue du Stade',
];

/** Postcodes of the 21 communes (La Poste), for made-up postal addresses; Clermont-Ferrand has more than one. */
export const POSTCODES: Record<string, string> = {
  Aubière: '63170',
  Aulnat: '63510',
  Beaumont: '63110',
  Blanzat: '63112',
  Cébazat: '63118',
  Ceyrat: '63122',
  Chamalières: '63400',
  Châteaugay: '63119',
  'Clermont-Ferrand': '63000',
  "Cournon-d'Auvergne": '63800',
  Durtol: '63830',
  Gerzat: '63360',
  'Le Cendre': '63670',
  Lempdes: '63370',
  Nohanent: '63830',
  Orcines: '63870',
  'Pérignat-lès-Sarliève': '63170',
  'Pont-du-Château': '63430',
  Romagnat: '63540',
  Royat: '63130',
  'Saint-Genès-Champanelle': '63122',
};
