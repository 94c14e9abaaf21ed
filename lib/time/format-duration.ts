// A length of time for people, to the minute: "none", "under a minute", "45 min", "3 h 20 min", "24 h".
export function formatDuration(ms: number): string {
  if (ms <= 0) return "none";
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 0) return "under a minute";
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
