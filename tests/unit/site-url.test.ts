import { describe, expect, it } from 'vitest';
import { originFrom } from '@/lib/site-url';

describe('the public origin of the links given to residents', () => {
  it('ignores a forwarded host any client could send', () => {
    const headers = new Headers({
      host: 'signalements.example.fr',
      'x-forwarded-host': 'piege.example',
      'x-forwarded-proto': 'http',
    });
    expect(originFrom(headers, undefined)).toBe('https://signalements.example.fr');
  });

  it('keeps plain HTTP on this machine', () => {
    expect(originFrom(new Headers({ host: 'localhost:3000' }), undefined)).toBe('http://localhost:3000');
  });

  it('takes SITE_URL when set, whatever the request says', () => {
    expect(originFrom(new Headers({ host: 'piege.example' }), 'https://proximcite.clermontmetropole.eu/')).toBe(
      'https://proximcite.clermontmetropole.eu',
    );
  });
});
