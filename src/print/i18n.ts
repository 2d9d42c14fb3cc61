// Every word of the printed documents in nb, sv and en (each language a complete map: a missing
// string fails to compile), and number formatting in the document's locale.
import type { FormType, IntervalRole, Language, TreatmentType } from '../config/types.js';
import type { Rule, TableName } from '../load/contract.js';
import type { Achievement } from '../metrics/table.js';

export const LOCALES: Record<Language, string> = { nb: 'nb-NO', sv: 'sv-SE', en: 'en-GB' };

const nb = {
  annualReport: 'Årsrapport',
  reportYear: 'Rapportår',
  cutoff: 'Datauttak per',
  scopeNational: 'Nasjonal rapport',
  scopeRegion: 'Regional rapport',
  region: 'Helseregion',
  generatedBy: 'Laget med regreport',
  contents: 'Innhold',
  summary: 'Sammendrag',
  keyFindings: 'Hovedfunn',
  indicator: 'Indikator',
  result: 'Resultat',
  target: 'Mål',
  noTarget: 'Intet mål',
  goalLevel: 'Måloppnåelse',
  achievement: { high: 'Høy', moderate: 'Moderat', low: 'Lav' } satisfies Record<Achievement, string>,
  goalLegend: 'Måloppnåelse: ● høy (målet nådd), ◐ moderat, ○ lav, – ikke vurdert.',
  targetLevels: 'Mål: høy / moderat',
  coverage: 'Dekningsgrad',
  coverageIntro:
    'Dekningsgraden er andelen av pasientene i Kreftregisteret (diagnoseåret, diagnose innen datauttaket) som har et skjema av typen i kvalitetsregisteret, registrert innen datauttaket. Den tilskrives enheten som har ansvar for å rapportere.',
  coverageTrend: 'Dekningsgrad over tid, nasjonalt',
  coverageLagNote: 'Tilfeller diagnostisert i {year} var fortsatt under registrering ved datauttaket {cutoff}: skjema kommer inn i månedene etter diagnosen. Målet er derfor {current} for {year} og {previous} for tidligere diagnoseår, og dekningsgraden for {year} vil stige.',
  coverageByRegion: 'Dekningsgrad etter helseregion',
  coverageByUnit: 'Dekningsgrad etter rapporterende enhet',
  threeYearTitle: '{indicator}: enhetene i {year} og de to foregående årene',
  threeYearNote: 'Stolpe: {y0}. Punkter: ● {y1}, ◆ {y2}. Sortert etter {y0}; region og nasjonalt i mørk blå. Til høyre: {y0} (teller / nevner). Fargefeltene viser måloppnåelsen for {y0}.',
  regionTrendTitle: '{indicator} etter helseregion over tid',
  funnel: 'Traktplott: enhetenes dekningsgrad mot antall pasienter',
  funnelNote: 'Linjene viser eksakte binomiske kontrollgrenser (95 % og 99,8 %) rundt den nasjonale andelen.',
  belowTarget: 'Enheter lengst under målet',
  noneBelowTarget: 'Ingen enheter under målet.',
  exceptionItem: '{unit}, {form} {year}: {value} ({n} av {d}), mål {target} – {goal}',
  andMoreBelow: 'og {n} til under målet (se tabellene over).',
  centralisation: 'Sentralisering',
  centralisationIntro:
    'Andelen av behandlede pasienter hvis første behandling av den valgte typen ble gitt ved et utpekt senter for pasientens diagnosegruppe. Pasienter grupperes etter bostedsregion.',
  centralisationTrend: 'Andel behandlet ved senter over tid, nasjonalt',
  centralisationByRegion: 'Andel behandlet ved senter etter bostedsregion',
  pathway: 'Forløpstider',
  pathwayIntro: 'Andelen pakkeforløp der intervallet holdt seg innenfor normtiden, og median antall dager. Forløp telles i året for intervallets sluttpunkt.',
  pathwayTrend: 'Andel innenfor normtid over tid, nasjonalt',
  pathwayByRegion: 'Forløpstider etter helseregion',
  pathwayByUnit: 'Forløpstider etter enhet',
  medianByUnit: 'Median dager per enhet, med normtid',
  medianNote: 'Blå strek: en enhets median (enheter med minst {n} forløp). Rød strek: normtiden.',
  rejectedByRule: 'Avviste rader etter regel',
  dqRegionIntro: 'Først radene som ble avvist for enhetene i {region} (krefttilfeller etter rapporterende enhet, skjema og forløpskoder etter enhet), deretter hele uttrekket.',
  dqUnplaced: '{n} avviste rader i hele uttrekket mangler en gyldig enhet og kan ikke knyttes til en region.',
  dqNoneRejected: 'Ingen rader fra regionens enheter ble avvist.',
  interval: 'Intervall',
  norm: 'Normtid',
  days: 'dager',
  medianDays: 'Median dager',
  methods: 'Metode',
  dataQuality: 'Datakvalitet',
  colophon: 'Om rapporten',
  national: 'Nasjonalt',
  all: 'Alle',
  unit: 'Enhet',
  year: 'År',
  formType: 'Skjematype',
  siteGroup: 'Diagnosegruppe',
  share: 'Andel',
  patients: 'Pasienter',
  numerator: 'Teller',
  denominator: 'Nevner',
  ci: '95 % KI',
  suppressedMark: 'n < {n}',
  suppressedNote: 'Tall for grupper med færre enn {n} pasienter vises ikke, for å verne personvernet. Totalsummene vises.',
  otherUnits: 'Øvrige enheter i {region}',
  complementaryMark: 'skjult',
  complementaryNote: '«skjult»: vises ikke fordi en liten gruppe ellers kunne regnes ut fra totalen og de andre tallene (komplementær skjuling).',
  table: 'Tabell',
  read: 'Lest',
  used: 'Brukt',
  rejected: 'Avvist',
  outOfScope: 'Utenfor kohorten',
  rule: 'Regel',
  rows: 'Rader',
  file: 'Fil',
  version: 'Versjon',
  generated: 'Laget',
  inputFiles: 'Inndatafiler',
  forms: { registration: 'registrering', treatment: 'behandling', followup: 'oppfølging' } satisfies Record<FormType, string>,
  rules: {
    missing_value: 'mangler påkrevd verdi',
    bad_date: 'ugyldig dato',
    bad_value: 'ugyldig verdi',
    duplicate_id: 'duplisert id',
    unknown_unit: 'ukjent enhet',
    unknown_region: 'ukjent region',
    unknown_case: 'ukjent krefttilfelle',
    unknown_code: 'ukjent forløpskode',
    negative_interval: 'negativt intervall',
  } satisfies Record<Rule, string>,
  tables: { units: 'enheter', cases: 'krefttilfeller', forms: 'skjema', pathway_events: 'forløpskoder' } satisfies Record<TableName, string>,
  regionVsNational: 'Regionen sammenlignet med landet og de andre helseregionene',
  unitsOfRegion: 'Regionens enheter',
  findingCoverage: 'Dekningsgraden for {form} for diagnoseåret {year} var {value} ({n} av {d} pasienter), {change} fra {prevYear} ({prev}); målet er {target}.',
  findingCoverageFirst: 'Dekningsgraden for {form} for diagnoseåret {year} var {value} ({n} av {d} pasienter); målet er {target}.',
  findingCoverageCurrent: 'For diagnoseåret {year}, som fortsatt registreres, var dekningsgraden for {form} {value} ({n} av {d}); målet er {target}.',
  findingCentral: '{value} av de behandlede pasientene med diagnose i {year} ({n} av {d}) fikk første behandling ved et utpekt senter, {change} fra {prevYear} ({prev}).',
  findingCentralFirst: '{value} av de behandlede pasientene med diagnose i {year} ({n} av {d}) fikk første behandling ved et utpekt senter.',
  findingPathway: 'Andel forløp innenfor normtiden i {year}: {list}.',
  findingPathwayItem: '{interval} {value} ({change})',
  findingGoalMoves: 'Endret måloppnåelse fra året før: {list}.',
  findingGoalMove: '{indicator} fra {from} ({y0}) til {to} ({y1})',
  findingNoGoalMoves: 'Ingen indikator endret måloppnåelse fra året før.',
  findingUnitsBelow: '{met} av {total} enheter nådde målet for {form} for diagnoseåret {year}. Lengst under målet: {list}.',
  findingUnitsAllMet: 'Alle {total} enheter nådde målet for {form} for diagnoseåret {year}.',
  findingUnitItem: '{unit} {value} ({n} av {d})',
  changeUp: 'opp {pp} prosentpoeng',
  changeDown: 'ned {pp} prosentpoeng',
  changeSame: 'uendret',
  andMore: 'og {n} til',
  roles: { start: 'start', first_attendance: 'første fremmøte', decision: 'beslutning', treatment: 'behandlingsstart', end: 'avslutning' } satisfies Record<IntervalRole, string>,
  methodsText: {
    cohort: 'Kohort: krefttilfeller der den normaliserte ICD-10-koden (store bokstaver, uten punktum) begynner med et av prefiksene under. Første treff i rekkefølgen avgjør diagnosegruppen.',
    cutoff: 'Skjema registrert etter datauttaket og forløpskoder datert etter det regnes som ikke registrert. Tilfeller diagnostisert etter datauttaket inngår ikke.',
    targets: 'Mål for dekningsgrad: {current} for rapportåret og {previous} for tidligere år (INCA-regelen).',
    centres: 'Utpekte sentre',
    centralisation: 'Sentralisering teller første behandling av typen {types}: tidligste behandlingsdato, ved likhet minste skjema-id.',
    norms: 'Normtider',
    ci: 'Konfidensintervall: eksakte (Clopper–Pearson) tosidige 95 %-intervall.',
    suppression: 'Personvern: grupper med færre enn {n} pasienter vises uten tall.',
    complementary: 'Komplementær skjuling: der en liten gruppe ellers kunne regnes ut ved å trekke de viste tallene fra en vist total (enheter → helseregion → nasjonalt; for sentralisering også diagnosegrupper → alle), skjules også den minste andre gruppen i samme sum, til ingen skjult teller eller nevner kan regnes ut av de viste tallene (kontrollert med eksakt lineær algebra). Nasjonale tall skjules aldri for å beskytte andre.',
    spec: 'Alle tall er beregnet etter regreports metrikkspesifikasjon og kan reproduseres fra uttrekket.',
  },
  treatmentTypes: { surgery: 'kirurgi', radiotherapy: 'strålebehandling', systemic: 'medikamentell behandling', other: 'annen' } satisfies Record<TreatmentType, string>,
  wlTitle: 'Manglende registreringer: {unit}',
  wlIntro: 'Krefttilfeller diagnostisert i {years} som enheten har ansvar for å rapportere, og som mangler skjema i kvalitetsregisteret per {asof}. Listen over pasientene står i {file}.',
  wlToTarget: 'Dette skal til for å nå målet',
  wlAction: 'Registrer {n} flere {year}-tilfeller ({form}) for å nå {target}.',
  wlReached: '{form} {year}: målet på {target} er nådd.',
  wlMissing: 'Mangler',
  wlRegistered: 'Registrert',
  wlConfidential: 'Fortrolig: listen {file} inneholder personopplysninger på pasientnivå. Skal ikke publiseres eller sendes ukryptert.',
  pageOf: ['Side', 'av'],
};

export type Strings = typeof nb;

const sv: Strings = {
  annualReport: 'Årsrapport',
  reportYear: 'Rapportår',
  cutoff: 'Datauttag per',
  scopeNational: 'Nationell rapport',
  scopeRegion: 'Regional rapport',
  region: 'Sjukvårdsregion',
  generatedBy: 'Skapad med regreport',
  contents: 'Innehåll',
  summary: 'Sammanfattning',
  keyFindings: 'Viktigaste resultat',
  indicator: 'Indikator',
  result: 'Resultat',
  target: 'Mål',
  noTarget: 'Inget mål',
  goalLevel: 'Måluppfyllelse',
  achievement: { high: 'Hög', moderate: 'Mellannivå', low: 'Låg' },
  goalLegend: 'Måluppfyllelse: ● hög (målnivån nådd), ◐ mellannivå, ○ låg, – inte bedömd.',
  targetLevels: 'Mål: hög / mellannivå',
  coverage: 'Täckningsgrad',
  coverageIntro:
    'Täckningsgraden är andelen av patienterna i cancerregistret (diagnosåret, diagnos före datauttaget) som har en blankett av typen i kvalitetsregistret, registrerad före datauttaget. Den tillskrivs den enhet som ansvarar för rapporteringen.',
  coverageTrend: 'Täckningsgrad över tid, nationellt',
  coverageLagNote: 'Fall diagnostiserade {year} höll fortfarande på att registreras vid datauttaget {cutoff}: formulären kommer in månaderna efter diagnosen. Målet är därför {current} för {year} och {previous} för tidigare diagnosår, och täckningsgraden för {year} kommer att stiga.',
  coverageByRegion: 'Täckningsgrad per sjukvårdsregion',
  coverageByUnit: 'Täckningsgrad per rapporterande enhet',
  threeYearTitle: '{indicator}: enheterna {year} och de två föregående åren',
  threeYearNote: 'Stapel: {y0}. Punkter: ● {y1}, ◆ {y2}. Sorterat efter {y0}; region och riket i mörkblått. Till höger: {y0} (täljare / nämnare). Färgfälten visar måluppfyllelsen för {y0}.',
  regionTrendTitle: '{indicator} per sjukvårdsregion över tid',
  funnel: 'Trattdiagram: enheternas täckningsgrad mot antal patienter',
  funnelNote: 'Linjerna visar exakta binomiala kontrollgränser (95 % och 99,8 %) kring den nationella andelen.',
  belowTarget: 'Enheter längst under målnivån',
  noneBelowTarget: 'Inga enheter under målnivån.',
  exceptionItem: '{unit}, {form} {year}: {value} ({n} av {d}), målnivå {target} – {goal}',
  andMoreBelow: 'och {n} till under målnivån (se tabellerna ovan).',
  centralisation: 'Centralisering',
  centralisationIntro:
    'Andelen behandlade patienter vars första behandling av vald typ gavs vid ett utsett centrum för patientens diagnosgrupp. Patienterna grupperas efter hemregion.',
  centralisationTrend: 'Andel behandlade vid centrum över tid, nationellt',
  centralisationByRegion: 'Andel behandlade vid centrum per hemregion',
  pathway: 'Ledtider',
  pathwayIntro: 'Andelen standardiserade vårdförlopp där ledtiden låg inom målet, och median antal dagar. Förloppen räknas i året för ledtidens slutpunkt.',
  pathwayTrend: 'Andel inom ledtidsmålet över tid, nationellt',
  pathwayByRegion: 'Ledtider per sjukvårdsregion',
  pathwayByUnit: 'Ledtider per enhet',
  medianByUnit: 'Median dagar per enhet, med ledtidsmål',
  medianNote: 'Blått streck: en enhets median (enheter med minst {n} förlopp). Rött streck: ledtidsmålet.',
  rejectedByRule: 'Avvisade rader per regel',
  dqRegionIntro: 'Först de rader som avvisades för enheterna i {region} (cancerfall efter rapporterande enhet, formulär och förloppskoder efter enhet), sedan hela uttaget.',
  dqUnplaced: '{n} avvisade rader i hela uttaget saknar en giltig enhet och kan inte knytas till en region.',
  dqNoneRejected: 'Inga rader från regionens enheter avvisades.',
  interval: 'Ledtid',
  norm: 'Mål',
  days: 'dagar',
  medianDays: 'Median dagar',
  methods: 'Metod',
  dataQuality: 'Datakvalitet',
  colophon: 'Om rapporten',
  national: 'Riket',
  all: 'Alla',
  unit: 'Enhet',
  year: 'År',
  formType: 'Blankett',
  siteGroup: 'Diagnosgrupp',
  share: 'Andel',
  patients: 'Patienter',
  numerator: 'Täljare',
  denominator: 'Nämnare',
  ci: '95 % KI',
  suppressedMark: 'n < {n}',
  suppressedNote: 'Siffror för grupper med färre än {n} patienter visas inte av integritetsskäl. Totaler visas.',
  otherUnits: 'Övriga enheter i {region}',
  complementaryMark: 'dold',
  complementaryNote: '”dold”: visas inte eftersom en liten grupp annars skulle kunna räknas fram ur totalen och de övriga siffrorna (sekundär röjandekontroll).',
  table: 'Tabell',
  read: 'Lästa',
  used: 'Använda',
  rejected: 'Avvisade',
  outOfScope: 'Utanför kohorten',
  rule: 'Regel',
  rows: 'Rader',
  file: 'Fil',
  version: 'Version',
  generated: 'Skapad',
  inputFiles: 'Indatafiler',
  forms: { registration: 'anmälan', treatment: 'behandling', followup: 'uppföljning' },
  rules: {
    missing_value: 'saknat obligatoriskt värde',
    bad_date: 'ogiltigt datum',
    bad_value: 'ogiltigt värde',
    duplicate_id: 'dubblerat id',
    unknown_unit: 'okänd enhet',
    unknown_region: 'okänd region',
    unknown_case: 'okänt cancerfall',
    unknown_code: 'okänd SVF-kod',
    negative_interval: 'negativ ledtid',
  },
  tables: { units: 'enheter', cases: 'cancerfall', forms: 'blanketter', pathway_events: 'SVF-koder' },
  regionVsNational: 'Regionen jämförd med riket och de andra sjukvårdsregionerna',
  unitsOfRegion: 'Regionens enheter',
  findingCoverage: 'Täckningsgraden för {form} för diagnosår {year} var {value} ({n} av {d} patienter), {change} från {prevYear} ({prev}); målnivån är {target}.',
  findingCoverageFirst: 'Täckningsgraden för {form} för diagnosår {year} var {value} ({n} av {d} patienter); målnivån är {target}.',
  findingCoverageCurrent: 'För diagnosår {year}, som fortfarande registreras, var täckningsgraden för {form} {value} ({n} av {d}); målnivån är {target}.',
  findingCentral: '{value} av de behandlade patienterna med diagnos {year} ({n} av {d}) fick sin första behandling vid ett utsett centrum, {change} från {prevYear} ({prev}).',
  findingCentralFirst: '{value} av de behandlade patienterna med diagnos {year} ({n} av {d}) fick sin första behandling vid ett utsett centrum.',
  findingPathway: 'Andel förlopp inom ledtiden {year}: {list}.',
  findingPathwayItem: '{interval} {value} ({change})',
  findingGoalMoves: 'Ändrad måluppfyllelse från året innan: {list}.',
  findingGoalMove: '{indicator} från {from} ({y0}) till {to} ({y1})',
  findingNoGoalMoves: 'Ingen indikator ändrade måluppfyllelse från året innan.',
  findingUnitsBelow: '{met} av {total} enheter nådde målnivån för {form} för diagnosår {year}. Längst under målnivån: {list}.',
  findingUnitsAllMet: 'Alla {total} enheter nådde målnivån för {form} för diagnosår {year}.',
  findingUnitItem: '{unit} {value} ({n} av {d})',
  changeUp: 'upp {pp} procentenheter',
  changeDown: 'ned {pp} procentenheter',
  changeSame: 'oförändrad',
  andMore: 'och {n} till',
  roles: { start: 'välgrundad misstanke', first_attendance: 'första besök', decision: 'behandlingsbeslut', treatment: 'start av behandling', end: 'avslut' },
  methodsText: {
    cohort: 'Kohort: cancerfall vars normaliserade ICD-10-kod (versaler, utan punkt) börjar med något av prefixen nedan. Första träff i ordningen avgör diagnosgruppen.',
    cutoff: 'Blanketter registrerade efter datauttaget och SVF-koder daterade efter det räknas som ej registrerade. Fall diagnostiserade efter datauttaget ingår inte.',
    targets: 'Målnivåer för täckningsgrad: {current} för rapportåret och {previous} för tidigare år (INCA-regeln).',
    centres: 'Utsedda centrum',
    centralisation: 'Centralisering räknar första behandling av typen {types}: tidigaste behandlingsdatum, vid lika datum minsta blankett-id.',
    norms: 'Ledtidsmål',
    ci: 'Konfidensintervall: exakta (Clopper–Pearson) tvåsidiga 95 %-intervall.',
    suppression: 'Integritet: grupper med färre än {n} patienter visas utan siffror.',
    complementary: 'Sekundär röjandekontroll: där en liten grupp annars skulle kunna räknas fram genom att dra de visade siffrorna från en visad total (enheter → sjukvårdsregion → riket; för centralisering även diagnosgrupper → alla), döljs också den minsta andra gruppen i samma summa, tills ingen dold täljare eller nämnare kan räknas fram ur de visade siffrorna (kontrollerat med exakt linjär algebra). Siffror för riket döljs aldrig för att skydda andra.',
    spec: 'Alla siffror är beräknade enligt regreports metrikspecifikation och kan återskapas från uttaget.',
  },
  treatmentTypes: { surgery: 'kirurgi', radiotherapy: 'strålbehandling', systemic: 'läkemedelsbehandling', other: 'annan' },
  wlTitle: 'Saknade registreringar: {unit}',
  wlIntro: 'Cancerfall diagnostiserade {years} som enheten ansvarar för att rapportera och som saknar blankett i kvalitetsregistret per {asof}. Listan över patienterna finns i {file}.',
  wlToTarget: 'Detta krävs för att nå målnivån',
  wlAction: 'Registrera {n} fler fall från {year} ({form}) för att nå {target}.',
  wlReached: '{form} {year}: målnivån {target} är nådd.',
  wlMissing: 'Saknas',
  wlRegistered: 'Registrerade',
  wlConfidential: 'Konfidentiellt: listan {file} innehåller personuppgifter på patientnivå. Får inte publiceras eller skickas okrypterad.',
  pageOf: ['Sida', 'av'],
};

const en: Strings = {
  annualReport: 'Annual report',
  reportYear: 'Report year',
  cutoff: 'Data as of',
  scopeNational: 'National report',
  scopeRegion: 'Regional report',
  region: 'Health region',
  generatedBy: 'Made with regreport',
  contents: 'Contents',
  summary: 'Summary',
  keyFindings: 'Key findings',
  indicator: 'Indicator',
  result: 'Result',
  target: 'Target',
  noTarget: 'No target',
  goalLevel: 'Goal level',
  achievement: { high: 'High', moderate: 'Moderate', low: 'Low' },
  goalLegend: 'Goal level: ● high (target reached), ◐ moderate, ○ low, – not assessed.',
  targetLevels: 'Target: high / moderate',
  coverage: 'Coverage',
  coverageIntro:
    'Coverage is the share of the cancer registry’s patients (diagnosis year, diagnosed by the cut-off) who have a form of the type in the quality registry, registered by the cut-off. It is attributed to the unit responsible for reporting.',
  coverageTrend: 'Coverage over time, national',
  coverageLagNote: 'Cases diagnosed in {year} were still being registered at the cut-off on {cutoff}: forms arrive in the months after diagnosis. The target is therefore {current} for {year} and {previous} for earlier diagnosis years, and coverage for {year} will rise.',
  coverageByRegion: 'Coverage by health region',
  coverageByUnit: 'Coverage by reporting unit',
  threeYearTitle: '{indicator}: units in {year} and the two years before',
  threeYearNote: 'Bar: {y0}. Dots: ● {y1}, ◆ {y2}. Sorted by {y0}; region and national in dark blue. Right: {y0} (numerator / denominator). The coloured fields show the goal levels for {y0}.',
  regionTrendTitle: '{indicator} by health region over time',
  funnel: 'Funnel plot: unit coverage against number of patients',
  funnelNote: 'The lines are exact binomial control limits (95 % and 99.8 %) around the national rate.',
  belowTarget: 'Units furthest below target',
  noneBelowTarget: 'No units below target.',
  exceptionItem: '{unit}, {form} {year}: {value} ({n} of {d}), target {target} – {goal}',
  andMoreBelow: 'and {n} more below target (see the tables above).',
  centralisation: 'Centralisation',
  centralisationIntro:
    'The share of treated patients whose first treatment of the chosen type was given at a designated centre for the patient’s site group. Patients are grouped by region of residence.',
  centralisationTrend: 'Share treated at a centre over time, national',
  centralisationByRegion: 'Share treated at a centre by region of residence',
  pathway: 'Pathway times',
  pathwayIntro: 'The share of cancer pathways whose interval stayed within the norm, and the median days. Pathways count in the year of the interval’s end point.',
  pathwayTrend: 'Share within the norm over time, national',
  pathwayByRegion: 'Pathway times by health region',
  pathwayByUnit: 'Pathway times by unit',
  medianByUnit: 'Median days per unit, with the norm',
  medianNote: 'Blue tick: one unit’s median (units with at least {n} pathways). Red tick: the norm.',
  rejectedByRule: 'Rejected rows by rule',
  dqRegionIntro: 'First the rows rejected for the units of {region} (cases by reporting unit, forms and pathway events by unit), then the whole extract.',
  dqUnplaced: '{n} rejected rows in the whole extract have no valid unit and cannot be placed in a region.',
  dqNoneRejected: 'No rows of the region’s units were rejected.',
  interval: 'Interval',
  norm: 'Norm',
  days: 'days',
  medianDays: 'Median days',
  methods: 'Methods',
  dataQuality: 'Data quality',
  colophon: 'About this report',
  national: 'National',
  all: 'All',
  unit: 'Unit',
  year: 'Year',
  formType: 'Form type',
  siteGroup: 'Site group',
  share: 'Share',
  patients: 'Patients',
  numerator: 'Numerator',
  denominator: 'Denominator',
  ci: '95 % CI',
  suppressedMark: 'n < {n}',
  suppressedNote: 'Figures for groups of fewer than {n} patients are not shown, to protect privacy. Totals are shown.',
  otherUnits: 'Other units in {region}',
  complementaryMark: 'hidden',
  complementaryNote: '"hidden": not shown because a small group could otherwise be worked out from the total and the other figures (complementary suppression).',
  table: 'Table',
  read: 'Read',
  used: 'Used',
  rejected: 'Rejected',
  outOfScope: 'Out of scope',
  rule: 'Rule',
  rows: 'Rows',
  file: 'File',
  version: 'Version',
  generated: 'Generated',
  inputFiles: 'Input files',
  forms: { registration: 'registration', treatment: 'treatment', followup: 'follow-up' },
  rules: {
    missing_value: 'missing required value',
    bad_date: 'invalid date',
    bad_value: 'invalid value',
    duplicate_id: 'duplicate id',
    unknown_unit: 'unknown unit',
    unknown_region: 'unknown region',
    unknown_case: 'unknown case',
    unknown_code: 'unknown pathway code',
    negative_interval: 'negative interval',
  },
  tables: { units: 'units', cases: 'cases', forms: 'forms', pathway_events: 'pathway events' },
  regionVsNational: 'The region compared with the country and the other regions',
  unitsOfRegion: 'The region’s units',
  findingCoverage: '{Form} coverage for diagnosis year {year} was {value} ({n} of {d} patients), {change} from {prevYear} ({prev}); the target is {target}.',
  findingCoverageFirst: '{Form} coverage for diagnosis year {year} was {value} ({n} of {d} patients); the target is {target}.',
  findingCoverageCurrent: 'For diagnosis year {year}, still being registered, {form} coverage was {value} ({n} of {d}); the target is {target}.',
  findingCentral: '{value} of treated patients diagnosed in {year} ({n} of {d}) had their first treatment at a designated centre, {change} from {prevYear} ({prev}).',
  findingCentralFirst: '{value} of treated patients diagnosed in {year} ({n} of {d}) had their first treatment at a designated centre.',
  findingPathway: 'Pathways within the norm in {year}: {list}.',
  findingPathwayItem: '{interval} {value} ({change})',
  findingGoalMoves: 'Goal level changed from the year before: {list}.',
  findingGoalMove: '{indicator} from {from} ({y0}) to {to} ({y1})',
  findingNoGoalMoves: 'No indicator changed goal level from the year before.',
  findingUnitsBelow: '{met} of {total} units reached the {form} target for diagnosis year {year}. Furthest below: {list}.',
  findingUnitsAllMet: 'All {total} units reached the {form} target for diagnosis year {year}.',
  findingUnitItem: '{unit} {value} ({n} of {d})',
  changeUp: 'up {pp} percentage points',
  changeDown: 'down {pp} percentage points',
  changeSame: 'unchanged',
  andMore: 'and {n} more',
  roles: { start: 'start', first_attendance: 'first attendance', decision: 'treatment decision', treatment: 'start of treatment', end: 'end' },
  methodsText: {
    cohort: 'Cohort: cases whose normalised ICD-10 code (upper case, no dot) starts with one of the prefixes below. The first match in this order decides the site group.',
    cutoff: 'Forms registered after the cut-off, and pathway codes dated after it, count as not registered. Cases diagnosed after the cut-off are left out.',
    targets: 'Coverage targets: {current} for the report year and {previous} for earlier years (the INCA rule).',
    centres: 'Designated centres',
    centralisation: 'Centralisation counts the first treatment of type {types}: earliest treatment date, ties broken by the smallest form id.',
    norms: 'Norm times',
    ci: 'Confidence intervals: exact (Clopper–Pearson) two-sided 95 % intervals.',
    suppression: 'Privacy: groups of fewer than {n} patients are shown without figures.',
    complementary: 'Complementary suppression: where a small group could otherwise be worked out by subtracting the shown figures from a shown total (units → region → national; for centralisation also site groups → all), the smallest other group of the same sum is hidden as well, until no hidden numerator or denominator can be computed from the shown figures (checked with exact linear algebra). National figures are never hidden to protect others.',
    spec: 'Every figure follows regreport’s metric specification and can be reproduced from the extract.',
  },
  treatmentTypes: { surgery: 'surgery', radiotherapy: 'radiotherapy', systemic: 'systemic therapy', other: 'other' },
  wlTitle: 'Missing registrations: {unit}',
  wlIntro: 'Cases diagnosed in {years} that the unit is responsible for reporting and that lack a form in the quality registry as of {asof}. The list of patients is in {file}.',
  wlToTarget: 'What reaching the target takes',
  wlAction: 'Register {n} more {year} cases ({form}) to reach {target}.',
  wlReached: '{form} {year}: the {target} target is reached.',
  wlMissing: 'Missing',
  wlRegistered: 'Registered',
  wlConfidential: 'Confidential: the list {file} holds patient-level data. Do not publish it or send it unencrypted.',
  pageOf: ['Page', 'of'],
};

export const STRINGS: Record<Language, Strings> = { nb, sv, en };

/** Replaces {name} placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** Locale-aware number formatting for the report. */
export class NumberFormat {
  private readonly pctFmt: Intl.NumberFormat;
  private readonly intFmt: Intl.NumberFormat;
  private readonly pointsFmt: Intl.NumberFormat;
  private readonly decFmt: Intl.NumberFormat;
  private readonly dateFmt: Intl.DateTimeFormat;

  constructor(readonly language: Language) {
    const loc = LOCALES[language];
    this.pctFmt = new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.intFmt = new Intl.NumberFormat(loc, { maximumFractionDigits: 0 });
    this.pointsFmt = new Intl.NumberFormat(loc, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.decFmt = new Intl.NumberFormat(loc, { maximumFractionDigits: 1 });
    this.dateFmt = new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  }

  /** 0.823 → "82,3 %" (nb, sv) or "82.3%" (en). */
  pct(v: number): string {
    return this.pctFmt.format(v);
  }

  /** A target such as 0.8 → "80 %". */
  target(v: number): string {
    return this.pct(v).replace(/[.,]0(?=\D*$)/, '');
  }

  /** A difference in percentage points, unsigned, one decimal: 6 → "6,0" (nb, sv) or "6.0" (en). */
  points(v: number): string {
    return this.pointsFmt.format(Math.abs(v));
  }

  int(v: number): string {
    return this.intFmt.format(v);
  }

  dec(v: number): string {
    return this.decFmt.format(v);
  }

  date(iso: string): string {
    return this.dateFmt.format(new Date(`${iso}T00:00:00Z`));
  }

  /** d3-format locale for Vega axes, so that chart labels read as the text does. */
  d3Locale(): { decimal: string; thousands: string; grouping: number[]; currency: [string, string]; percent: string } {
    const parts = new Intl.NumberFormat(LOCALES[this.language], { style: 'percent', minimumFractionDigits: 1 }).formatToParts(0.123);
    const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
    const percentIdx = parts.findIndex((p) => p.type === 'percentSign');
    const before = parts[percentIdx - 1];
    const percent = (before?.type === 'literal' ? before.value : '') + '%';
    const group = new Intl.NumberFormat(LOCALES[this.language]).formatToParts(12345).find((p) => p.type === 'group')?.value ?? ',';
    return { decimal, thousands: group, grouping: [3], currency: ['', ''], percent };
  }
}

/** The label of a code in one of the maps above, or the code itself when it has none (data from outside). */
export function labelOf(map: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(map, code) ? map[code]! : code;
}

const PRINTED_PCT = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });

/** A share as the report prints it, in percent: 0.82345 → 82.3 (the same rounding as NumberFormat.pct). */
export function printedPercent(v: number): number {
  return Number.parseFloat(PRINTED_PCT.format(v));
}
