// A member's last seven days drawn as an image (one row per UTC day, bands coloured like the presence
// dots, each band's state and times on hover) with its words for screen readers, and the time online
// per day as a real table beside it. The geometry is lib/presence-history/timeline-layout's.
import type { PresenceHistory } from "@/lib/presence-history/load-presence-history";
import { timeOnlinePerDay } from "@/lib/presence-history/time-online-per-day";
import { BAND_KIND_LABELS, BAND_KINDS, layoutTimeline, longDayLabel, TIMELINE_SIZE } from "@/lib/presence-history/timeline-layout";
import { formatDuration } from "@/lib/time/format-duration";

/** One timeline per page, so its hatching pattern can have a fixed id. */
const UNKNOWN_PATTERN_ID = "presence-timeline-unknown";

export function PresenceTimeline({ name, history, now }: { name: string; history: PresenceHistory; now: Date }) {
  const layout = layoutTimeline(history.bands, history.days, now);
  const totals = timeOnlinePerDay(history.bands, history.days);
  const { rowHeight, bandHeight, labelWidth } = TIMELINE_SIZE;
  const bottom = layout.rows.length * rowHeight;
  const first = longDayLabel(history.days[0]!, now);
  const summary = `${name}'s presence over the last seven days, one row per day from ${first} to today, midnight to midnight UTC, coloured by state. The time online on each day is in the table below.`;
  return (
    <div className="presence-history">
      <figure className="presence-timeline">
        <svg className="presence-timeline__image" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={summary} data-testid="presence-timeline">
          <defs>
            <pattern id={UNKNOWN_PATTERN_ID} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className="presence-timeline__hatch-ground" />
              <line x1="0" y1="0" x2="0" y2="6" className="presence-timeline__hatch" />
            </pattern>
          </defs>
          {layout.rows.map((row) => (
            <g key={row.day.start.toISOString()} data-day={row.day.start.toISOString().slice(0, 10)}>
              <text x={labelWidth - 6} y={row.y + rowHeight / 2} textAnchor="end" dominantBaseline="central" className="presence-timeline__day">
                {row.label}
              </text>
              <rect x={layout.chart.x} y={row.y + (rowHeight - bandHeight) / 2} width={layout.chart.width} height={bandHeight} className="presence-timeline__track" />
              {row.segments.map((segment) => (
                <rect
                  key={segment.x}
                  x={segment.x}
                  y={row.y + (rowHeight - bandHeight) / 2}
                  width={segment.width}
                  height={bandHeight}
                  className={`presence-timeline__band presence-timeline__band--${segment.kind}`}
                  data-state={segment.state}
                >
                  <title>{segment.title}</title>
                </rect>
              ))}
              {row.nowX === null ? null : <line x1={row.nowX} x2={row.nowX} y1={row.y + 2} y2={row.y + rowHeight - 2} className="presence-timeline__now" />}
            </g>
          ))}
          {layout.ticks.map((tick) => (
            <g key={tick.label}>
              <line x1={tick.x} x2={tick.x} y1={0} y2={bottom + 3} className="presence-timeline__tick" />
              <text x={tick.x} y={bottom + 14} textAnchor="middle" className="presence-timeline__hour">
                {tick.label}
              </text>
            </g>
          ))}
        </svg>
        <figcaption className="presence-timeline__caption">
          <ul className="presence-timeline__legend" aria-label="Colours">
            {BAND_KINDS.map((kind) => (
              <li key={kind}>
                <span className={`presence-timeline__swatch presence-timeline__swatch--${kind}`} aria-hidden="true" />
                {BAND_KIND_LABELS[kind]}
              </li>
            ))}
          </ul>
          <span>Times in UTC. Point at a band for its times.</span>
        </figcaption>
      </figure>
      <table className="presence-totals" data-testid="presence-totals">
        <caption>Time online each day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Online</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((total) => (
            <tr key={total.day.start.toISOString()}>
              <th scope="row">{longDayLabel(total.day, now)}</th>
              <td>{formatDuration(total.onlineMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
