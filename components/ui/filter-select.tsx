import { inputClass } from './field';

/** One labelled select of a GET filter form (the inbox's, the dashboard's). */
export function FilterSelect({
  name,
  label,
  value,
  children,
}: {
  name: string;
  label: string;
  value?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={`filtre-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`filtre-${name}`} name={name} defaultValue={value ?? ''} className={inputClass()}>
        {children}
      </select>
    </div>
  );
}
