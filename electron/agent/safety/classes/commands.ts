/**
 * Typed commands that run, delete, publish or weaken something, wherever they are typed (a terminal, a Run box, a
 * chat that a page asked to paste into). Matched on the typed text after NFKC and with invisible characters
 * removed, case-insensitive; a flag counts ANYWHERE in the line ("git push origin main --force" as much as
 * "git push -f").
 */
export interface CommandRule {
  /** Completes "the typed text ...". */
  readonly does: string;
  readonly re: RegExp;
}

const SHELLS = String.raw`(?:\/\S*\/)?(?:(?:ba|z|da|k|c|tc|fi|a)?sh|python[\d.]*|perl|ruby|node|php|pwsh|powershell|iex|osascript)`;

export const COMMAND_RULES: readonly CommandRule[] = [
  { does: 'pipes downloaded or hidden text into a shell', re: new RegExp(String.raw`\|\s*(?:sudo\b|env\s+\S+\s+)?\s*${SHELLS}\b|\|\s*sudo\b`, 'i') },
  { does: 'runs code fetched from the internet', re: /(?:<\(|\$\(|`)\s*(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)\b|\b(?:curl|wget)\b[^\n]*(?:&&|;)\s*(?:sudo\s+)?(?:(?:ba|z)?sh|python[\d.]*|\.\/)/i },
  { does: 'runs a command as administrator (sudo, runas)', re: /(?:^|[;&|(]\s*|\s)(?:sudo|doas|pkexec|su\s+-c?)\s|\brunas\b|-verb\s+runas\b/i },
  { does: 'deletes files recursively or by force', re: /\brm\s+(?:-\S*\s+)*(?:-[a-z]*[rf][a-z]*|--recursive|--force|--no-preserve-root)(?=\s|$)|\brm\s+(?:-\S+\s+)*(?:\/|~|\*|\$home)(?=[\s/]|$)|\bfind\b[^\n]*\s-(?:delete\b|exec(?:dir)?\s+(?:rm|shred|unlink)\b)|\|\s*xargs\s+(?:-\S+\s+)*(?:rm|shred|unlink)\b|\b(?:shred|wipefs|srm)\s|\bremove-item\b[^\n]*-recurse|\b(?:del|erase)\s+(?:\/\S\s+)*\/[sqf]\b|\b(?:rd|rmdir)\s+(?:\/\S\s+)*\/s\b|\bcrontab\s+-r\b/i },
  { does: 'overwrites or formats a disk', re: /\bdd\b[^\n]*\bof=\/dev\/|\bmkfs(?:\.\w+)?\b|>\s*\/dev\/(?:sd|nvme|hd|disk|mmcblk|vd)|\bformat\s+[a-z]:|\b(?:fdisk|parted|diskpart)\b|\bdiskutil\s+(?:erase|zero|partition)|\bvssadmin\s+delete\b|\bcipher\s+\/w\b/i },
  { does: 'force-pushes or deletes a branch with git (rewrites shared history)', re: /\bgit\b[^\n]*\bpush\b[^\n]*(?:\s(?:-[a-z]*f[a-z]*|--force(?:-with-lease|-if-includes)?(?:=\S*)?|--mirror|--delete|-d|--prune)(?=\s|$)|\s\+\S+|\s:\S+)/i },
  { does: 'throws away work with git (hard reset, clean, forced branch delete, history rewrite)', re: /\bgit\b[^\n]*\b(?:reset\s+(?:\S+\s+)*--hard|clean\s+(?:\S+\s+)*-[a-z]*f|branch\s+(?:\S+\s+)*-D\b|filter-(?:branch|repo)|checkout\s+(?:\S+\s+)*--\s+\.|restore\s+(?:\S+\s+)*\.\s*$)/ },
  { does: 'publishes code or packages (git push, npm publish, docker push)', re: /\bgit\b[^\n]*\bpush\b|\b(?:npm|yarn|pnpm)\s+publish\b|\bdocker\s+push\b|\btwine\s+upload\b|\bcargo\s+publish\b|\bgh\s+(?:release\s+create|repo\s+(?:delete|edit\s+[^\n]*--visibility))/i },
  { does: 'makes a file executable and runs it', re: /\bchmod\s+(?:-\S+\s+)*(?:[ugoa]*\+[rws]*x|[0-7]?[0-7]*[1357][0-7]*)\b|(?:^|[;&|]\s*)\.\/[\w.-]+|\b(?:bash|sh|zsh)\s+[\w./~-]+\.(?:sh|run|bin)\b/i },
  { does: 'runs PowerShell code from text or the internet (iex, Invoke-Expression, an encoded command)', re: /\b(?:iex|invoke-expression|invoke-webrequest|iwr|invoke-restmethod|irm|downloadstring|downloadfile|start-bitstransfer|new-object\s+(?:system\.)?net\.webclient)\b|\s-(?:enc|encodedcommand|e|ec)\s+[a-z0-9+/=]{16,}|\b(?:mshta|rundll32|regsvr32|bitsadmin|certutil\s+[^\n]*-urlcache)\b|-w(?:indowstyle)?\s+hidden/i },
  { does: 'turns off a protection (firewall, antivirus, SELinux, execution policy, SIP)', re: /\bset-mppreference\b[^\n]*-disable|\bset-executionpolicy\s+(?:\S+\s+)*(?:bypass|unrestricted)|-executionpolicy\s+(?:bypass|unrestricted)|\bnetsh\s+(?:\S+\s+)*state\s+off|\bufw\s+disable|\bsetenforce\s+0|\bsystemctl\s+(?:stop|disable|mask)\s+(?:firewalld|ufw|apparmor|auditd|clamav\S*)|\biptables\s+(?:-\S+\s+)*-F\b|\bchmod\s+(?:-R\s+)?[0-7]?777\b|\bspctl\s+--master-disable|\bcsrutil\s+disable|\breg\s+(?:add|delete)\b|\bbcdedit\b/i },
  { does: 'deletes data in a database', re: /\b(?:drop\s+(?:table|database|schema)|truncate\s+(?:table\s+)?\w|delete\s+from\s+\w+\s*(?:;|$))/i },
  { does: 'sends a local file or secret out (curl upload, scp, netcat)', re: /\b(?:curl|wget)\b[^\n]*\s(?:-d|--data(?:-binary|-raw|-urlencode)?|-F|--form|-T|--upload-file|--post-file)[\s=]|\b(?:scp|rsync|nc|ncat|netcat|sftp)\b[^\n]*(?:\.ssh|\.aws|\.env\b|id_rsa|id_ed25519|\.gnupg|\/etc\/(?:passwd|shadow)|credentials|\.kube)|\bcat\b[^\n]*(?:\.ssh\/|\.aws\/|id_rsa|\.env\b)[^\n]*\|/i },
  { does: 'decodes hidden code', re: /\bbase64\s+(?:-\S+\s+)*(?:-d|--decode)\b|frombase64string/i },
  { does: 'stops the machine or kills programs', re: /\b(?:shutdown|reboot|poweroff|halt|init\s+[06]|killall|pkill|kill\s+-9|taskkill|stop-computer|restart-computer)\b|:\(\)\s*\{\s*:\|:&\s*\};:/i },
  { does: "is a word that skips a browser's certificate warning", re: /^\s*(?:thisisunsafe|badidea)\s*$/i },
];

/** The first command rule the typed text falls under, if any. */
export function commandRisk(text: string): { does: string; match: string } | undefined {
  const t = text.normalize('NFKC').replace(/[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '');
  for (const r of COMMAND_RULES) {
    const m = r.re.exec(t);
    if (m) return { does: r.does, match: m[0].trim().slice(0, 80) };
  }
  return undefined;
}
