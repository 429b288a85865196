import { startTransition, type FormEvent } from 'react';

/**
 * An onSubmit handler that sends the form to its action from a transition rather than letting the browser submit it:
 * React empties a form after its action runs, which would throw away what a refused resident typed (and chose).
 * The form keeps its `action` too, so it still works before JavaScript loads.
 */
export function keepFieldsOnSubmit(formAction: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
}
