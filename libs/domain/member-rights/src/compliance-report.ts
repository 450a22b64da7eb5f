import type { ComplianceReportDto, PartnerComplianceDto } from '@crosslane/contracts';
export interface ReportExport {
  partnerId: string;
  partnerName: string;
  status: string;
  purpose: string;
  kind: string;
  fields: readonly string[];
  rowCount: number | null;
  agreementVersion: number | null;
  /** "<RULE>: <message>" for a refused request. */
  refusedReason: string | null;
  /** Who asked for the file (refused requests included); null for a system request or a removed account. */
  requestedByEmail?: string | null;
}

/** Epsilon a partner's noisy releases (NOISE-mode agreements) spent in the period. */
export interface ReportPrivacyBudget {
  partnerId: string;
  partnerName: string;
  releases: number;
  epsilon: number;
}

export interface ReportConsentGroup {
  flag: string;
  /** null when the member was created with the value. */
  from: boolean | null;
  to: boolean;
  source: string;
  changes: number;
}

export interface ReportErasure {
  id: string;
  createdAt: Date;
  completedAt: Date | null;
  memberCount: number;
  erased: number;
  notFound: number;
  requestedByEmail: string | null;
}

// The report's shape is the wire contract itself, declared once in libs/contracts.
export type PartnerCompliance = PartnerComplianceDto;
export type ComplianceReport = ComplianceReportDto;

const sorted = <T>(values: Iterable<T>, compare?: (a: T, b: T) => number) => [...new Set(values)].sort(compare);

/**
 * The compliance review of one period (issue 17, item 4): per partner, what
 * was shared (files, rows, fields, purposes) under which agreement
 * versions, and what was refused by which rule, who asked, and the privacy
 * budget (epsilon) noisy releases spent; consent granted (turned
 * on, or new with it on) and withdrawn (turned off) per flag and source; erasure requests with who filed them and
 * how long they took. Everything sorted, so the same records give the same
 * report.
 * Example: an export READY with 120 rows under agreement v2 gives that partner files 1, rows 120, agreementVersions [2].
 */
export function complianceReport(
  period: { from: Date; to: Date },
  exports: readonly ReportExport[],
  consent: readonly ReportConsentGroup[],
  erasures: readonly ReportErasure[],
  budget: readonly ReportPrivacyBudget[] = [],
): ComplianceReport {
  if (!(period.from < period.to)) throw new Error('complianceReport requires from to be before to');
  const byPartner = new Map<string, { name: string; list: ReportExport[] }>();
  for (const e of exports) {
    const entry = byPartner.get(e.partnerId) ?? { name: e.partnerName, list: [] };
    entry.list.push(e);
    byPartner.set(e.partnerId, entry);
  }
  // A partner that only received noisy counts in the period still belongs in the report.
  for (const b of budget) if (!byPartner.has(b.partnerId)) byPartner.set(b.partnerId, { name: b.partnerName, list: [] });
  const budgetOf = new Map(budget.map((b) => [b.partnerId, b]));
  const partners = [...byPartner.entries()]
    .map(([partnerId, { name, list }]): PartnerCompliance => {
      const built = list.filter((e) => e.status === 'READY' || e.status === 'EXPIRED');
      const refusalsByRule: Record<string, number> = {};
      for (const e of list) {
        if (e.status !== 'REFUSED') continue;
        const rule = (e.refusedReason ?? 'UNKNOWN').split(':')[0].trim();
        refusalsByRule[rule] = (refusalsByRule[rule] ?? 0) + 1;
      }
      return {
        partnerId,
        partnerName: name,
        files: built.length,
        rows: built.reduce((sum, e) => sum + (e.rowCount ?? 0), 0),
        fields: sorted(built.flatMap((e) => e.fields)),
        purposes: sorted(built.map((e) => e.purpose)),
        agreementVersions: sorted(
          built.map((e) => e.agreementVersion).filter((v): v is number => v !== null),
          (a, b) => a - b,
        ),
        refusalsByRule: Object.fromEntries(Object.entries(refusalsByRule).sort(([a], [b]) => a.localeCompare(b))),
        requestedBy: sorted(list.map((e) => e.requestedByEmail).filter((v): v is string => !!v)),
        privacyBudget: budgetOf.has(partnerId)
          ? { releases: budgetOf.get(partnerId)!.releases, epsilon: Math.round(budgetOf.get(partnerId)!.epsilon * 1e6) / 1e6 }
          : null,
      };
    })
    .sort((a, b) => a.partnerName.localeCompare(b.partnerName) || a.partnerId.localeCompare(b.partnerId));
  const consentRows = new Map<string, { flag: string; source: string; granted: number; withdrawn: number }>();
  for (const c of consent) {
    const key = `${c.flag}\u0000${c.source}`;
    const row = consentRows.get(key) ?? { flag: c.flag, source: c.source, granted: 0, withdrawn: 0 };
    // A member created with the flag off withdrew nothing; one created with it on was granted it.
    if (c.to) row.granted += c.changes;
    else if (c.from === true) row.withdrawn += c.changes;
    consentRows.set(key, row);
  }
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    partners,
    consent: [...consentRows.values()].sort((a, b) => a.flag.localeCompare(b.flag) || a.source.localeCompare(b.source)),
    erasures: [...erasures]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map((e) => ({
        id: e.id,
        requestedBy: e.requestedByEmail,
        requestedAt: e.createdAt.toISOString(),
        completedAt: e.completedAt?.toISOString() ?? null,
        hoursToComplete: e.completedAt ? Math.round(((e.completedAt.getTime() - e.createdAt.getTime()) / 3_600_000) * 100) / 100 : null,
        memberCount: e.memberCount,
        erased: e.erased,
        notFound: e.notFound,
      })),
  };
}
