import type { Metadata } from 'next';
import Link from 'next/link';
import { PageSection } from '@/components/ui/page-section';
import { LEGAL } from '@/lib/legal';
import { SERVICE_PHONE, SERVICE_PHONE_HREF } from '@/lib/service';

// The RGAA accessibility statement. Its checks are the e2e suite's (tests/e2e): change this page when they change.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Accessibilité' };

const link = 'text-brand underline';

// The pages axe-core checks in the e2e suite, with no violation allowed.
const AUTOMATED = [
  'les pages Accessibilité, Données personnelles et Mentions légales',
  'la page publique d’un signalement',
  'la page de connexion des agents',
  'la liste des signalements d’un pôle, une fiche de signalement et les modèles de réponse (espace agents)',
  'le formulaire de saisie d’un signalement par un agent',
];

export default function AccessibilityPage() {
  return (
    <div className="mx-auto w-full max-w-3xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">Déclaration d’accessibilité</h1>
      <p>
        Clermont Auvergne Métropole s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi
        n° 2005-102 du 11 février 2005. Cette déclaration s’applique au site Proxim’Cité.
      </p>
      <PageSection id="etat" title="État de conformité">
        <p>
          Proxim’Cité est <strong>partiellement conforme</strong> au référentiel général d’amélioration de l’accessibilité (RGAA),
          version 4.1, en raison des non-conformités et des dérogations énumérées ci-dessous.
        </p>
      </PageSection>
      <PageSection id="verifications" title="Vérifications réalisées">
        <p>
          Aucun audit complet par un organisme extérieur n’a encore été réalisé. Les vérifications sont faites à chaque
          modification du site :
        </p>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            automatiquement, avec l’outil axe-core dans le navigateur Chromium, sans aucune erreur admise, sur :{' '}
            {AUTOMATED.join(' ; ')} ;
          </li>
          <li>
            par des tests automatisés du parcours : un signalement complet au clavier seul, sur la carte (flèches, zoom, repère
            posé au centre) comme en mode « sans carte » ; le résumé des erreurs du formulaire, qui mène à chaque champ ; les
            pages publiques et la liste des signalements sur un téléphone de 390 pixels de large ; le lien d’évitement vers le
            contenu ;
          </li>
          <li>à la main : la navigation au clavier et l’affichage sur téléphone des pages publiques.</li>
        </ul>
      </PageSection>
      <PageSection id="non-accessible" title="Contenus non accessibles et alternatives">
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <strong>Les cartes</strong> (carte des signalements, carte du formulaire) ne peuvent pas être entièrement comprises
            sans la vue. Alternatives : la{' '}
            <Link href="/signalements" className={link}>
              liste des signalements
            </Link>
            , avec les mêmes filtres ; dans le formulaire, le mode « Indiquer la commune et l’adresse (sans carte) ».
          </li>
          <li>
            <strong>Les photos</strong> jointes par les habitants n’ont pas de texte de remplacement décrivant leur contenu : la
            description du signalement en tient lieu.
          </li>
        </ul>
      </PageSection>
      <PageSection id="signaler-un-defaut" title="Signaler un défaut d’accessibilité">
        <p>
          Si vous ne parvenez pas à utiliser un contenu ou un service, écrivez-nous à{' '}
          <a href={`mailto:${LEGAL.accessibilityEmail}`} className={link}>
            {LEGAL.accessibilityEmail}
          </a>{' '}
          pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme. Vous pouvez aussi faire
          votre signalement par téléphone au{' '}
          <a href={SERVICE_PHONE_HREF} className={`${link} whitespace-nowrap`}>
            {SERVICE_PHONE}
          </a>{' '}
          (appel gratuit) ou{' '}
          <Link href="/autres-moyens" className={link}>
            à l’accueil de votre mairie
          </Link>
          .
        </p>
      </PageSection>
      <PageSection id="recours" title="Voies de recours">
        <p>
          Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et que vous
          n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :
        </p>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            par le{' '}
            <a href="https://formulaire.defenseurdesdroits.fr/" className={link}>
              formulaire en ligne
            </a>{' '}
            ;
          </li>
          <li>
            par téléphone au <span className="whitespace-nowrap">09 69 39 00 00</span> ;
          </li>
          <li>par courrier, gratuitement, sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07 ;</li>
          <li>
            auprès d’un délégué du Défenseur des droits près de chez vous (
            <a href="https://www.defenseurdesdroits.fr/carte-des-delegues" className={link}>
              carte des délégués
            </a>
            ).
          </li>
        </ul>
      </PageSection>
      <p className="text-sm text-slate-600">Déclaration établie le {LEGAL.accessibilityStatementDate}.</p>
    </div>
  );
}
