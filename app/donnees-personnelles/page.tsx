import type { Metadata } from 'next';
import Link from 'next/link';
import { PageSection } from '@/components/ui/page-section';
import { env } from '@/lib/env';
import { LEGAL } from '@/lib/legal';

// Read at request time: the DPO's contact and the retention are a deployment's settings (lib/legal.ts, lib/env.ts).
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Données personnelles' };

const link = 'text-brand underline';

export default function PrivacyPage() {
  const retention = env.RETENTION_MONTHS === 12 ? 'un an (12 mois)' : `${env.RETENTION_MONTHS} mois`;
  return (
    <div className="mx-auto w-full max-w-3xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">Données personnelles</h1>
      <PageSection id="responsable" title="Responsable du traitement">
        <p>
          Clermont Auvergne Métropole, qui publie Proxim’Cité et traite les signalements par ses pôles de proximité (voir les{' '}
          <Link href="/mentions-legales" className={link}>
            mentions légales
          </Link>
          ).
        </p>
      </PageSection>
      <PageSection id="donnees" title="Données traitées et finalités">
        <p>
          Quand vous signalez une anomalie ou suivez un signalement, vous pouvez laisser votre nom, votre adresse e-mail, votre
          téléphone et votre adresse postale. Ils servent à traiter le signalement, à vous en dire l’avancement et à vous envoyer
          le courrier décrivant la solution.
        </p>
        <p>
          Le lieu, la catégorie, la description et les photos du signalement sont publiés sur le site, sans vos coordonnées : n’y
          écrivez pas d’information personnelle. Les photos sont débarrassées de leurs métadonnées (position GPS, appareil).
        </p>
        <p>
          Pour limiter les envois abusifs, l’adresse IP et l’adresse e-mail de l’expéditeur sont comptées sous une forme chiffrée
          (empreinte) qui ne sert qu’à compter les envois récents et n’est reliée à aucun signalement.
        </p>
      </PageSection>
      <PageSection id="base-legale" title="Base légale">
        <p>
          L’exécution d’une mission d’intérêt public dont est investie la Métropole : l’entretien de l’espace public (article
          6-1-e du règlement général sur la protection des données, RGPD).
        </p>
      </PageSection>
      <PageSection id="destinataires" title="Destinataires">
        <p>
          Seuls les agents chargés du signalement voient vos coordonnées : le pôle de proximité concerné, le centre d’appels du
          numéro vert, l’accueil de la mairie de la commune et les administrateurs du service. Les élus et le public ne les voient
          jamais. Le service d’envoi des courriels de la Métropole ne les traite que pour les acheminer. Elles ne sont ni vendues
          ni cédées.
        </p>
      </PageSection>
      <PageSection id="conservation" title="Durée de conservation">
        <p>
          Vos coordonnées sont effacées automatiquement {retention} après la clôture du signalement (résolu, rejeté ou regroupé
          avec un autre). Le signalement lui-même reste publié, sans elles.
        </p>
      </PageSection>
      <PageSection id="droits" title="Vos droits et comment les exercer">
        <p>
          Vous disposez d’un droit d’accès, de rectification, d’effacement, d’opposition et de limitation du traitement de vos
          données.
        </p>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <strong>Effacement, tout de suite</strong> : ouvrez le lien privé reçu à la confirmation de votre signalement (aussi
            envoyé par courriel) et choisissez « Effacer mes coordonnées ». Le signalement reste traité.
          </li>
          <li>
            <strong>Les autres droits</strong> : écrivez au délégué à la protection des données de la Métropole, en indiquant la
            référence du signalement (PC-…). Une réponse vous est donnée dans un délai d’un mois.
          </li>
        </ul>
      </PageSection>
      <PageSection id="dpo" title="Délégué à la protection des données">
        <p>
          Par courriel :{' '}
          <a href={`mailto:${LEGAL.dpoEmail}`} className={link}>
            {LEGAL.dpoEmail}
          </a>
        </p>
        <p className="whitespace-pre-line">Par courrier : {LEGAL.dpoAddress}</p>
      </PageSection>
      <PageSection id="cnil" title="Réclamation auprès de la CNIL">
        <p>
          Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de
          l’informatique et des libertés (CNIL), en ligne sur{' '}
          <a href="https://www.cnil.fr/fr/plaintes" className={link}>
            cnil.fr/fr/plaintes
          </a>{' '}
          ou par courrier : CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.
        </p>
      </PageSection>
    </div>
  );
}
