// Compiled by `tsc --noEmit` (tests/types.test.mjs): the declarations cover every export
// and describe the objects as the package returns them.
import init, {
  ciValues, cpus, datacenters, dataVersions, estimate, formatCo2e, formatDuration, formatEnergy, formatNumber,
  formatPower, formatSignificant, gpus, hardwareTable, locations, parseRuntime, providers, renderReport, report, search,
  verify, version, widgetWords, formatPercent, colon, ciSourceName, errorCodes, compare, referenceCountries,
} from 'empreinte';
import type { EmpreinteError, Estimate, Job, Report, Verdict } from 'empreinte';
import type { EmpreinteCalculator } from 'empreinte/widget';

export async function main(): Promise<void> {
  await init();
  const job: Job = { runtime_h: 12, cpu: { model: 'Xeon E5-2683 v4', cores: 12 }, memory_gb: 64, location: 'FR' };
  const r: Estimate = estimate(job);
  const kwh: number = r.energy_kwh + r.co2e_breakdown_g.cpu + r.pue.value + (r.co2e_g_range?.high ?? 0);
  const text: string = formatCo2e(r.co2e_g, 'fr') + formatEnergy(kwh, 'en') + formatPower(r.power_w, 'fr')
    + formatDuration(r.runtime_h, 'en') + formatNumber(1, 2, 'fr') + formatSignificant(0.1, 'en') + version()
    + r.citation.fr + r.ci.location_name + widgetWords('fr')['title'] + formatPercent(0.5, 'fr') + colon('fr') + ciSourceName('ga', 'fr') + errorCodes().join(',')
    + compare(1, referenceCountries(), 'ga', 'v3.0', 'fr').map((c) => `${c.name} ${c.co2e_g}`).join();
  const names: string[] = [
    ...cpus('v3.0').map((c) => c.name), ...gpus().map((g) => g.name), ...locations().map((l) => l.code),
    ...providers().map((p) => p.code), hardwareTable().version, ...hardwareTable().gpus.map((g) => g.name), ...datacenters().map((d) => d.name),
    ...search('cpus', 'xeon').map((c) => `${c.tdp_per_core_w}`), ...dataVersions(),
    ...ciValues('FR').map((v) => `${v.source.id} ${v.source.licence} ${v.ci_g_per_kwh}`), r.ci.source.licence,
  ];
  const hours: number = parseRuntime('12h30m');
  try {
    estimate({ runtime_h: 1 });
  } catch (e) {
    const err = e as EmpreinteError;
    console.log(err.code, err.field, err.suggestions.join(), err.message);
  }
  const rep: Report = report('[identification]', { report_id: 'x', generated_at: 'y' });
  const v: Verdict = verify(rep);
  if (v.verdict === 'tampered') console.log(v.stated, v.computed);
  const html: string = renderReport(rep, 'html', 'fr');
  const el = document.createElement('empreinte-calculator');
  const typed: EmpreinteCalculator = el;
  typed.addEventListener('result', (e) => console.log(e.detail.co2e_g));
  typed.job = job;
  console.log(text, names, hours, html, typed.result?.energy_kwh);
}
