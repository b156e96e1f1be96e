// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

// Schema v7: the metrics' definitions (docs/metrics.md) as SQL views, so that a script reads the same figures as
// the dashboard and `helpboard-cli report` with plain SQL on the file (tests/board/tst_metricviews.cpp checks that
// they agree). Read only, derived from the tables: nothing is stored for them and no writer keeps them up to date.
//
// What they do not hold: business times and SLA results. Those need the desk's calendar, holidays, time zone and
// waiting statuses (board/sla), which SQL cannot follow; `helpboard-cli report --csv --tickets` gives them per ticket.
// Days (metrics_days) are UTC days; the app counts in the desk's time zone, the same days when the desk is on UTC.
//
// The event kinds and payload keys spelled here are the file format (storage/eventkinds.h). Each view starts from
// the card's creation event. A history cut short before it (no board HelpBoard writes has one) is where the views and
// the app may differ: the views start it at its first move and count no time in Doing before that, nor a card's time
// in Doing without any event; the app starts it from the first change's "from" and the card as it is now.
//
// They need SQLite 3.38 or later (JSON functions built in), as Debian 12 has, or one from 3.25 on built with them; a
// sqlite3 older than 3.25 (2018: no window functions) cannot read the schema of a board at schema 7 at all. "Now" is
// the reader's clock, in UTC milliseconds: CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER).

namespace hb::storage::schema {

namespace {

constexpr const char16_t *s_v7[] = {
        uR"(CREATE VIEW metrics_stays AS
WITH arrivals AS (
    SELECT e.card_id, e.seq, e.actor,
           CASE WHEN e.kind = 'card.created' THEN c.created_at ELSE e.at END AS arrived_at,
           CASE WHEN e.kind = 'card.created' THEN coalesce(json_extract(e.payload, '$.column_id'), c.column_id)
                ELSE json_extract(e.payload, '$.changes.column.to') END AS column_id,
           CASE WHEN e.kind = 'card.moved' THEN json_extract(e.payload, '$.changes.column.from') END AS from_id
    FROM events e JOIN cards c ON c.id = e.card_id AND c.deleted_at IS NULL
    WHERE e.kind = 'card.created'
       OR (e.kind = 'card.moved' AND json_type(e.payload, '$.changes.column') IS NOT NULL)),
kinds AS (
    SELECT a.card_id, a.seq, a.actor, a.arrived_at, a.column_id, k.kind AS column_kind,
           CASE WHEN row_number() OVER w = 1 THEN f.kind ELSE lag(k.kind) OVER w END AS previous_kind,
           lead(a.arrived_at) OVER w AS left_at
    FROM arrivals a LEFT JOIN columns k ON k.id = a.column_id LEFT JOIN columns f ON f.id = a.from_id
    WINDOW w AS (PARTITION BY a.card_id ORDER BY a.seq)),
marked AS (
    SELECT *, (column_kind IS 'done' AND previous_kind IS NOT 'done') AS resolution FROM kinds)
SELECT card_id, seq, actor, arrived_at, left_at, column_id, column_kind, resolution,
       (column_kind IS NOT 'done' AND previous_kind IS 'done'
        AND coalesce(sum(resolution) OVER (PARTITION BY card_id ORDER BY seq
                                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) > 0) AS reopening
FROM marked)",   uR"(CREATE VIEW metrics_assignments AS
SELECT e.card_id, e.seq, e.at, e.actor,
       CASE WHEN e.kind = 'card.created' THEN ''
            ELSE coalesce(json_extract(e.payload, '$.changes.assignee.from'), '') END AS from_login,
       coalesce(CASE WHEN e.kind = 'card.created' THEN json_extract(e.payload, '$.assignee')
                     ELSE json_extract(e.payload, '$.changes.assignee.to') END, '') AS to_login
FROM events e JOIN cards c ON c.id = e.card_id AND c.deleted_at IS NULL
WHERE e.kind = 'card.created'
   OR (e.kind = 'card.updated' AND json_type(e.payload, '$.changes.assignee') IS NOT NULL))", uR"(CREATE VIEW metrics_tickets AS
WITH resolutions AS (
    SELECT card_id, seq, arrived_at, actor,
           first_value(arrived_at) OVER (PARTITION BY card_id ORDER BY seq) AS first_at,
           row_number() OVER (PARTITION BY card_id ORDER BY seq DESC) AS from_last
    FROM metrics_stays WHERE resolution),
stays AS (
    SELECT card_id, sum(reopening) AS reopen_count,
           sum(CASE WHEN column_kind IS 'doing'
                    THEN max(0, coalesce(left_at, CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER))
                                - arrived_at)
                    ELSE 0 END) AS handle_ms
    FROM metrics_stays GROUP BY card_id),
assignments AS (
    SELECT a.card_id, a.to_login,
           coalesce((SELECT p.to_login FROM metrics_assignments p
                     WHERE p.card_id = a.card_id AND p.seq < a.seq AND p.to_login <> ''
                     ORDER BY p.seq DESC LIMIT 1), nullif(a.from_login, '')) AS last_login
    FROM metrics_assignments a),
reassigned AS (
    SELECT card_id, count(*) AS reassignments FROM assignments
    WHERE to_login <> '' AND last_login IS NOT NULL AND to_login <> last_login GROUP BY card_id),
escalated AS (
    SELECT s.card_id, json_group_array(t.name) AS targets
    FROM (SELECT card_id, target_id, min(id) AS first_id FROM escalations
          WHERE NOT (ended_at IS NOT NULL AND ended_by IS escalated_by AND ended_at - escalated_at < 60000)
          GROUP BY card_id, target_id ORDER BY card_id, first_id) s
    JOIN escalation_targets t ON t.id = s.target_id GROUP BY s.card_id),
labelled AS (
    SELECT card_id, json_group_array(name) AS names
    FROM (SELECT cl.card_id, l.name FROM card_labels cl JOIN labels l ON l.id = cl.label_id AND l.deleted_at IS NULL
          ORDER BY cl.card_id, l.name COLLATE NOCASE) GROUP BY card_id),
tickets AS (
    SELECT c.id AS card_id, c.title, c.channel, c.priority, c.assignee, c.requester, c.due_at, c.archived_at,
           c.created_at, c.first_response_at, coalesce(c.first_response_by, '') AS first_response_by,
           lr.first_at, lr.arrived_at AS last_resolution_at, lr.seq AS last_resolution_seq, lr.actor AS last_resolver,
           CASE WHEN k.kind IS 'done' THEN coalesce(c.resolved_at, lr.arrived_at) END AS final_resolved_at,
           CASE WHEN k.kind IS 'done' THEN coalesce(nullif(c.resolved_by, ''), lr.actor, '') END AS resolved_by,
           coalesce(s.reopen_count, 0) AS reopen_count, coalesce(s.handle_ms, 0) AS handle_ms,
           coalesce(ra.reassignments, 0) AS reassignments,
           coalesce(x.targets, '[]') AS escalated_to, x.card_id IS NOT NULL AS escalated,
           coalesce(lb.names, '[]') AS labels, c.first_contact AS first_contact_ticked
    FROM cards c
    LEFT JOIN columns k ON k.id = c.column_id
    LEFT JOIN resolutions lr ON lr.card_id = c.id AND lr.from_last = 1
    LEFT JOIN stays s ON s.card_id = c.id
    LEFT JOIN reassigned ra ON ra.card_id = c.id
    LEFT JOIN escalated x ON x.card_id = c.id
    LEFT JOIN labelled lb ON lb.card_id = c.id
    WHERE c.deleted_at IS NULL),
resolved AS (
    SELECT *, coalesce(first_at, final_resolved_at) AS first_resolved_at FROM tickets),
skewed AS (
    SELECT *, (final_resolved_at < created_at OR first_resolved_at < created_at) IS 1 AS clock_skew,
           CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now_ms
    FROM resolved)
SELECT card_id, title, channel, priority, assignee, requester, labels, due_at, archived_at, created_at,
       first_response_at, first_response_by, first_resolved_at, final_resolved_at, resolved_by, reopen_count,
       reassignments,
       CASE WHEN final_resolved_at IS NOT NULL
            THEN coalesce((SELECT a.to_login FROM metrics_assignments a
                           WHERE a.card_id = skewed.card_id AND a.seq <= last_resolution_seq
                           ORDER BY a.seq DESC LIMIT 1), assignee) END AS assignee_at_resolution,
       escalated, escalated_to, handle_ms, clock_skew,
       CASE WHEN first_response_at >= created_at AND NOT clock_skew THEN first_response_at - created_at END
           AS response_ms,
       CASE WHEN final_resolved_at IS NOT NULL AND NOT clock_skew THEN final_resolved_at - created_at END
           AS resolution_ms,
       CASE WHEN final_resolved_at IS NOT NULL AND NOT clock_skew
            THEN first_resolved_at - created_at <= 86400000 END AS within_24h,
       CASE WHEN final_resolved_at IS NOT NULL
            THEN reopen_count = 0 AND (first_contact_ticked = 1
                 OR (channel IN ('phone', 'chat', 'walk-in') AND first_response_by <> ''
                     AND resolved_by = first_response_by AND reassignments = 0 AND NOT escalated)) END
           AS first_contact,
       CASE WHEN final_resolved_at IS NOT NULL THEN NOT escalated END AS first_level,
       created_at < now_ms AND (archived_at IS NULL OR archived_at >= now_ms)
           AND (final_resolved_at IS NULL OR final_resolved_at >= now_ms) AS open
FROM skewed)",
        uR"(CREATE VIEW metrics_summary AS
WITH t AS (SELECT * FROM metrics_tickets),
now AS (SELECT CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS ms),
durations AS (
    SELECT 'response' AS figure, response_ms AS ms FROM t WHERE response_ms IS NOT NULL
    UNION ALL SELECT 'resolution', resolution_ms FROM t WHERE resolution_ms IS NOT NULL
    UNION ALL SELECT 'handle', handle_ms FROM t WHERE resolution_ms IS NOT NULL),
ranked AS (
    SELECT figure, ms, row_number() OVER (PARTITION BY figure ORDER BY ms) AS n,
           count(*) OVER (PARTITION BY figure) AS total FROM durations),
spreads AS (
    SELECT figure, max(CASE WHEN n = (total + 1) / 2 THEN ms END) AS median,
           max(CASE WHEN n = (9 * total + 9) / 10 THEN ms END) AS p90 FROM ranked GROUP BY figure)
SELECT count(*) AS created, count(final_resolved_at) AS resolved,
       coalesce(sum(open), 0) AS backlog,
       coalesce(sum(open AND due_at < (SELECT ms FROM now)), 0) AS overdue,
       coalesce(sum(open AND assignee = ''), 0) AS unassigned,
       coalesce(sum(clock_skew OR first_response_at < created_at), 0) AS left_out,
       (SELECT median FROM spreads WHERE figure = 'response') AS response_median_ms,
       (SELECT p90 FROM spreads WHERE figure = 'response') AS response_p90_ms,
       (SELECT median FROM spreads WHERE figure = 'resolution') AS resolution_median_ms,
       (SELECT p90 FROM spreads WHERE figure = 'resolution') AS resolution_p90_ms,
       (SELECT median FROM spreads WHERE figure = 'handle') AS handle_median_ms,
       (SELECT p90 FROM spreads WHERE figure = 'handle') AS handle_p90_ms,
       CAST(count(final_resolved_at) AS REAL) / nullif(count(*), 0) AS resolution_rate,
       avg(first_contact) AS first_contact_rate,
       avg(first_level) AS first_level_rate,
       avg(escalated) AS escalation_rate,
       avg(within_24h) AS within_24h_rate,
       avg(CASE WHEN first_resolved_at IS NOT NULL THEN reopen_count > 0 END) AS reopen_rate
FROM t)", uR"(CREATE VIEW metrics_days AS
WITH t AS (SELECT created_at, final_resolved_at FROM metrics_tickets),
days AS (
    SELECT date(created_at / 1000, 'unixepoch') AS day, 1 AS created, 0 AS resolved FROM t
    UNION ALL SELECT date(final_resolved_at / 1000, 'unixepoch'), 0, 1 FROM t WHERE final_resolved_at IS NOT NULL)
SELECT day, sum(created) AS created, sum(resolved) AS resolved FROM days GROUP BY day ORDER BY day)",        uR"(CREATE VIEW metrics_channels AS
SELECT channel, count(*) AS created FROM metrics_tickets GROUP BY channel ORDER BY channel)",
        uR"(CREATE VIEW metrics_labels AS
SELECT j.value AS label, count(*) AS created FROM metrics_tickets t, json_each(t.labels) j
GROUP BY j.value ORDER BY j.value COLLATE NOCASE)",  uR"(CREATE VIEW metrics_escalations AS
SELECT j.value AS target, count(*) AS tickets FROM metrics_tickets t, json_each(t.escalated_to) j
GROUP BY j.value ORDER BY j.value COLLATE NOCASE)", uR"(CREATE VIEW metrics_technicians AS
WITH t AS (SELECT * FROM metrics_tickets),
people AS (
    SELECT assignee AS login FROM t WHERE open
    UNION SELECT assignee_at_resolution FROM t WHERE final_resolved_at IS NOT NULL),
ranked AS (
    SELECT assignee_at_resolution AS login, resolution_ms AS ms,
           row_number() OVER (PARTITION BY assignee_at_resolution ORDER BY resolution_ms) AS n,
           count(*) OVER (PARTITION BY assignee_at_resolution) AS total
    FROM t WHERE resolution_ms IS NOT NULL)
SELECT p.login AS assignee,
       (SELECT count(*) FROM t WHERE t.open AND t.assignee = p.login) AS open,
       (SELECT count(*) FROM t WHERE t.final_resolved_at IS NOT NULL AND t.assignee_at_resolution = p.login)
           AS resolved,
       (SELECT ms FROM ranked r WHERE r.login = p.login AND r.n = (r.total + 1) / 2) AS resolution_median_ms
FROM people p ORDER BY p.login)",
};

} // namespace

QStringList v7Statements()
{
    QStringList result;
    for (const char16_t *statement : s_v7)
        result << QString::fromUtf16(statement);
    return result;
}

} // namespace hb::storage::schema
