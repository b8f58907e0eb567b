/** `DOCKER|127.0.0.1:5000/app/api:v1` → the image reference and the registry host it lives on. */
export function parseLinuxFxVersion(value: unknown): { image: string; registry: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^DOCKER\|(.+)$/i.exec(value.trim());
  if (!match) return undefined;
  const image = (match[1] as string).trim();
  const first = image.split('/')[0] as string;
  const hasRegistry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return { image, registry: hasRegistry ? first : 'docker.io' };
}
