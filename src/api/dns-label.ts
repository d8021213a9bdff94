/** RFC 1123 DNS labels: what Kubernetes names derived from revisions and gateway names must be. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_RULE = "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63";

export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL.test(value);
}
