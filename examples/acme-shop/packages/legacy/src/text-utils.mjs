export function padStart(text, width, fill = ' ') {
  return String(text).padStart(width, fill);
}

export function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
