type Props = {
  password: string;
  accounts: { email: string; name: string; roleLabel: string; scope: string | null }[];
};

// Shown on a demo installation only, so that a newcomer can try every role without reading the README.
export function DemoAccounts({ password, accounts }: Props) {
  return (
    <details className="rounded border border-slate-300 bg-slate-50 p-3 text-sm">
      <summary className="cursor-pointer font-medium">Comptes de démonstration</summary>
      <p className="mt-2">
        Mot de passe commun : <code className="rounded bg-white px-1">{password}</code>
      </p>
      <ul className="mt-2 space-y-1">
        {accounts.map((account) => (
          <li key={account.email}>
            <code className="rounded bg-white px-1">{account.email}</code> — {account.roleLabel}
            {account.scope && ` (${account.scope})`}
          </li>
        ))}
      </ul>
    </details>
  );
}
