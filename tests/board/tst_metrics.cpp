// SPDX-License-Identifier: GPL-3.0-or-later
// The help-desk metrics (board/metrics, docs/metrics.md): the row each reads of a ticket, from histories written by
// a real store at chosen times (and the metrics_tickets view's row of each, the same), and the period's summary of such
// rows; each expected value worked out by hand.
#include "metricsql.h"
#include "support/testsupport.h"

#include <board/metrics/report.h>
#include <board/metrics/ticketrow.h>
#include <storage/boardstore.h>

#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using board::metrics::TicketRow;

namespace {

constexpr qint64 s_t0 = 1'780'000'000'000;
constexpr qint64 s_minute = 60'000;
constexpr qint64 s_hour = 60 * s_minute;
constexpr qint64 s_day = 24 * s_hour;

/// A week of tickets (from t0) whose figures shouldSumUpAPeriodAsTheDefinitionsSay() works out by hand.
QList<TicketRow> weekOfTickets()
{
    const auto ticket = [](qint64 created, storage::Channel channel) {
        TicketRow row;
        row.createdAt = created;
        row.channel = channel;
        return row;
    };
    // A: by phone, answered in 10 min and resolved in 1 h by ben, 50 min in Doing: first contact.
    TicketRow a = ticket(s_t0 + s_hour, storage::Channel::Phone);
    a.labelIds = {1};
    a.articleIds = {7};
    a.firstResponseAt = s_t0 + s_hour + 10 * s_minute;
    a.firstResponseBy = a.resolvedBy = u"ben"_qs;
    a.firstResolvedAt = a.finalResolvedAt = s_t0 + 2 * s_hour;
    a.handleMs = 50 * s_minute;
    a.resolvedSpans = {{a.finalResolvedAt, 0}};
    a.assignee = a.assigneeAtResolution = u"ben"_qs;
    a.priority = storage::Priority::High;
    a.responseMet = a.resolutionMet = true; // business: 10 min and 1 h
    a.businessResponseMs = 10 * s_minute;
    a.businessResolutionMs = s_hour;
    // B: answered in 1 h, first resolved at exactly 24 h, reopened, resolved for good at 70 h; escalated.
    TicketRow b = ticket(s_t0 + 2 * s_hour, storage::Channel::Email);
    b.labelIds = {1, 2};
    b.articleIds = {7, 8};
    b.firstResponseAt = s_t0 + 3 * s_hour;
    b.firstResolvedAt = s_t0 + s_day + 2 * s_hour;
    b.finalResolvedAt = s_t0 + 3 * s_day;
    b.reopenCount = 1;
    b.escalatedTo = {5};
    b.handleMs = 10 * s_hour;
    b.resolvedSpans = {{b.firstResolvedAt, s_t0 + s_day + 6 * s_hour}, {b.finalResolvedAt, 0}};
    b.assignee = b.assigneeAtResolution = u"chloe"_qs;
    b.priority = storage::Priority::High;
    b.responseMet = b.resolutionMet = false; // business: 1 h and 20 h
    b.businessResponseMs = s_hour;
    b.businessResolutionMs = 20 * s_hour;
    // C: answered in 30 min, still open: in the backlog, 6 days 21 h old at the period's end.
    TicketRow c = ticket(s_t0 + 3 * s_hour, storage::Channel::Chat);
    c.articleIds = {8}; // (open: solved with nothing yet)
    c.firstResponseAt = s_t0 + 3 * s_hour + 30 * s_minute;
    // unassigned, due on day 5 (overdue at the end), its resolution clock breached now; responded in time
    c.dueAt = s_t0 + 5 * s_day;
    c.breachedNow = true;
    c.responseMet = true;
    c.businessResponseMs = 30 * s_minute;
    // D: made two days before the period, answered then, resolved in it after 3 days.
    TicketRow d = ticket(s_t0 - 2 * s_day, storage::Channel::None);
    d.firstResponseAt = s_t0 - 2 * s_day + s_hour;
    d.firstResolvedAt = d.finalResolvedAt = s_t0 + s_day;
    d.resolvedSpans = {{d.finalResolvedAt, 0}};
    d.assignee = d.assigneeAtResolution = u"ben"_qs; // no clocks known (levels that could not be used)
    // E: "resolved" an hour before it was made (a writer's clock): counted, but in no time figure.
    TicketRow e = ticket(s_t0 + 6 * s_day, storage::Channel::WalkIn);
    e.firstResolvedAt = e.finalResolvedAt = s_t0 + 6 * s_day - s_hour;
    e.clockSkew = true;
    e.resolvedSpans = {{e.finalResolvedAt, 0}};
    e.priority = storage::Priority::Low;
    // F: 40 days old and open, archived in the period: not in the backlog. G: the same, not archived: it is.
    TicketRow f = ticket(s_t0 - 40 * s_day, storage::Channel::Portal);
    f.archivedAt = s_t0 + s_day;
    TicketRow g = ticket(s_t0 - 40 * s_day, storage::Channel::Portal);
    g.assignee = u"ben"_qs;

    return {a, b, c, d, e, f, g};
}

board::metrics::Period week()
{
    board::metrics::Period period{s_t0, s_t0 + 7 * s_day, {}};
    for (int i = 0; i < 7; ++i)
        period.buckets << s_t0 + i * s_day;
    return period;
}

} // namespace

class tst_Metrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadEachTicketAsTheDefinitionsSay_data()
    {
        // The script: "create CHANNEL [COLUMN] [ASSIGNEE]" at 0 by alice, then "MINUTES WHO ACTION ...": move COLUMN,
        // assign LOGIN, escalate, takeback. The clock of each step is t0 + MINUTES (negative: a writer's clock
        // behind). "now" is t0 + 240 minutes.
        QTest::addColumn<QString>("script");
        QTest::addColumn<qint64>("firstResponse"); // minutes after t0; -1: none
        QTest::addColumn<qint64>("firstResolved"); // minutes; -1: never
        QTest::addColumn<qint64>("finalResolved"); // minutes; -1: open
        QTest::addColumn<int>("reopens");
        QTest::addColumn<int>("reassignments");
        QTest::addColumn<int>("escalations");
        QTest::addColumn<qint64>("handle"); // minutes in Doing
        QTest::addColumn<bool>("firstContact");
        QTest::addColumn<bool>("skew");
        QTest::addColumn<QString>("spans"); // its stays in Done, "from..to" in minutes ("from..": still there)

        // Answered by ben moving it to Doing at 5, resolved by him at 20: 15 min in Doing; by phone, same person,
        // nothing else happened: first contact.
        QTest::newRow("phone, resolved by the first responder")
                << u"create phone todo ben; 5 ben move doing; 20 ben move done"_qs << 5LL << 20LL << 20LL << 0 << 0 << 0
                << 15LL << true << false << u"20.."_qs;
        // Doing 10-60 and 120-180 (110 min); resolved at 60, reopened at 120, resolved again at 180.
        QTest::newRow("reopened")
                << u"create email; 10 ben move doing; 60 ben move done; 120 ben move doing; 180 ben move done"_qs
                << 10LL << 60LL << 180LL << 1 << 0 << 0 << 110LL << false << false << u"60..120,180.."_qs;
        // ben -> chloe is a reassignment; escalated to the vendor; Doing 7-30 (23 min); chat, but reassigned and
        // escalated: not first contact.
        QTest::newRow("reassigned and escalated")
                << u"create chat todo ben; 5 alice assign chloe; 6 chloe escalate; 7 chloe move doing; 30 chloe move "
                   u"done"_qs
                << 7LL << 30LL << 30LL << 0 << 1 << 1 << 23LL << false << false << u"30.."_qs;
        // Escalated and taken back 10 s later by the same person: a slip, it does not count.
        QTest::newRow("escalation taken back at once")
                << u"create walk-in todo ben; 1 ben escalate; 1 ben takeback; 2 ben move done"_qs << 2LL << 2LL << 2LL
                << 0 << 0 << 0 << 0LL << true << false << u"2.."_qs;
        // First assigned at 3 (from nobody: not a reassignment); in Doing since 10, still there at now (240).
        QTest::newRow("open, in Doing") << u"create portal; 3 alice assign ben; 10 ben move doing"_qs << 10LL << -1LL
                                        << -1LL << 0 << 0 << 0 << 230LL << false << false << u""_qs;
        // A writer's clock 5 minutes behind the creation: resolved "before" it was created (left out of the time
        // figures; first contact does not depend on times).
        QTest::newRow("resolved before it was created") << u"create phone todo ben; -5 ben move done"_qs << -5LL << -5LL
                                                        << -5LL << 0 << 0 << 0 << 0LL << true << true << u"-5.."_qs;
        // Unassigned at 3 and given back to ben at 4: no reassignment; resolved by him, by phone: first contact.
        QTest::newRow("unassigned and assigned back")
                << u"create phone todo ben; 3 alice assign -; 4 alice assign ben; 5 ben move done"_qs << 5LL << 5LL
                << 5LL << 0 << 0 << 0 << 0LL << true << false << u"5.."_qs;
        // Made in Done: answered and resolved as it was created.
        QTest::newRow("created resolved") << u"create walk-in done alice"_qs << 0LL << 0LL << 0LL << 0 << 0 << 0 << 0LL
                                          << true << false << u"0.."_qs;
    }

    void shouldReadEachTicketAsTheDefinitionsSay()
    {
        QFETCH(QString, script);
        QFETCH(qint64, firstResponse);
        QFETCH(qint64, firstResolved);
        QFETCH(qint64, finalResolved);
        QFETCH(int, reopens);
        QFETCH(int, reassignments);
        QFETCH(int, escalations);
        QFETCH(qint64, handle);
        QFETCH(bool, firstContact);
        QFETCH(bool, skew);
        QFETCH(QString, spans);

        QTemporaryDir dir;
        auto made = storage::BoardStore::create(dir.filePath(u"b.helpboard"_qs), u"Board"_qs,
                                                tests::optionsFor(u"alice"_qs));
        QVERIFY(made);
        storage::BoardStore &store = **made;
        qint64 clock = s_t0;
        store.setClock([&clock] { return clock; });
        QVERIFY(store.setMember(u"ben"_qs, storage::Role::Editor));
        QVERIFY(store.setMember(u"chloe"_qs, storage::Role::Editor));
        storage::EscalationTarget vendor;
        vendor.name = u"Dell ProSupport"_qs;
        vendor.kind = storage::EscalationKind::Vendor;
        vendor.id = store.createEscalationTarget(vendor).value();
        QHash<QString, storage::Column> columns;
        for (const storage::Column &column : store.columns().value())
            columns.insert(storage::toText(column.kind), column);

        qint64 id = 0;
        for (const QString &step : script.split(u';')) {
            QStringList words = step.split(u' ', Qt::SkipEmptyParts);
            if (words.first() == u"create") {
                storage::NewCard card;
                card.title = u"Ticket"_qs;
                card.channel = storage::channelFromString(words.value(1)).value();
                card.columnId = columns.value(words.value(2, u"todo"_qs)).id;
                card.assignee = words.value(3);
                id = store.createCard(card).value();
                continue;
            }
            const qint64 minutes = words.takeFirst().toLongLong();
            QVERIFY(store.setLogin(words.takeFirst()));
            const QString action = words.takeFirst();
            clock = s_t0 + minutes * s_minute + (action == u"takeback" ? 10'000 : 0); // 10 s after its escalation
            storage::CardPatch patch;
            if (action == u"move") {
                QVERIFY(store.moveCard(id, columns.value(words.first()).id));
            } else if (action == u"assign") {
                patch.assignee = words.first() == u"-" ? QString() : words.first(); // "-": unassigned
            } else if (action == u"escalate") {
                patch.escalation = storage::Escalation{};
                patch.escalation->targetId = vendor.id;
            } else if (action == u"takeback") {
                patch.escalation = storage::Escalation{};
            }
            if (!patch.isEmpty())
                QVERIFY(store.updateCard(id, patch));
        }

        const storage::Card card = store.card(id).value();
        QHash<qint64, storage::ColumnKind> kinds;
        for (const storage::Column &column : store.columns().value())
            kinds.insert(column.id, column.kind);
        const auto kindOf = [&kinds](qint64 column) -> std::optional<storage::ColumnKind> {
            if (!kinds.contains(column))
                return std::nullopt;
            return kinds.value(column);
        };
        const TicketRow row = board::metrics::ticketRow(card, store.cardHistory(id).value(),
                                                        store.escalations(id).value(), kindOf, s_t0 + 240 * s_minute);
        // (the whole board's read, as the report makes it, gives the same row as the card's own history)
        const TicketRow bulk =
                board::metrics::ticketRow(card, store.metricHistories()->value(id), store.allEscalations()->value(id),
                                          kindOf, s_t0 + 240 * s_minute);
        const auto key = [](const TicketRow &each) {
            return QList<qint64>{each.firstResponseAt,
                                 each.firstResolvedAt,
                                 each.finalResolvedAt,
                                 each.reopenCount,
                                 each.reassignments,
                                 each.handleMs,
                                 qint64(each.escalatedTo.size()),
                                 each.clockSkew,
                                 each.firstContactByRule(),
                                 qint64(each.resolvedSpans.size())};
        };
        QCOMPARE(key(bulk), key(row));
        // (and the metrics_tickets view, read by a script, the same again)
        QString error;
        const QList<QVariantMap> viewed =
                tests::select(dir.filePath(u"b.helpboard"_qs),
                              u"SELECT * FROM metrics_tickets WHERE card_id = %1"_qs.arg(id), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(viewed.size(), 1);
        QCOMPARE(tests::sqlRow(viewed.constFirst()),
                 tests::appRow(row, {}, {{vendor.id, vendor.name}}, QDateTime::currentMSecsSinceEpoch()));

        const auto at = [](qint64 minutes) { return minutes < -100 ? 0 : s_t0 + minutes * s_minute; };
        QCOMPARE(row.createdAt, s_t0);
        QCOMPARE(row.firstResponseAt, firstResponse == -1 ? 0 : at(firstResponse));
        QCOMPARE(row.firstResolvedAt, firstResolved == -1 ? 0 : at(firstResolved));
        QCOMPARE(row.finalResolvedAt, finalResolved == -1 ? 0 : at(finalResolved));
        QCOMPARE(row.isResolved(), finalResolved != -1);
        QCOMPARE(row.reopenCount, reopens);
        QCOMPARE(row.reassignments, reassignments);
        QCOMPARE(row.escalatedTo.size(), escalations);
        QCOMPARE(row.handleMs, handle * s_minute);
        QCOMPARE(row.firstContactByRule(), firstContact);
        QCOMPARE(row.clockSkew, skew);
        QStringList stays;
        for (const auto &[arrived, left] : row.resolvedSpans) {
            stays << QStringLiteral("%1..%2")
                             .arg((arrived - s_t0) / s_minute)
                             .arg(left ? QString::number((left - s_t0) / s_minute) : QString());
        }
        QCOMPARE(stays.join(u','), spans);
        // The times the metrics take: none when open or when the clock was wrong
        QCOMPARE(row.resolutionMs().has_value(), finalResolved != -1 && !skew);
        if (row.resolutionMs())
            QCOMPARE(*row.resolutionMs(), finalResolved * s_minute);
    }

    void shouldSumUpAPeriodAsTheDefinitionsSay()
    {
        constexpr qint64 hour = s_hour;
        constexpr qint64 day = s_day;
        const board::metrics::Period week = ::week();
        const auto summary = board::metrics::summarize(weekOfTickets(), week, s_t0 + 8 * day);
        // Created in the week: A, B, C, E; per channel and label (B counts for both its labels)
        QCOMPARE(summary.created, 4);
        QCOMPARE(summary.createdPerChannel.value(storage::Channel::Phone), 1);
        QCOMPARE(summary.createdPerChannel.value(storage::Channel::Portal), 0);
        QCOMPARE(summary.createdPerLabel.value(1), 2);
        QCOMPARE(summary.createdPerLabel.value(2), 1);
        // Finally resolved in it: A, B, D, E; 4 of 4 created
        QCOMPARE(summary.resolved, 4);
        QCOMPARE(summary.resolutionRate.value(), 1.0);
        // Open at its end: C (3-7 days) and G (over 30); F was archived
        QCOMPARE(summary.backlog, 2);
        QCOMPARE(summary.backlogByAge, (QList<int>{0, 0, 1, 0, 1}));
        // Responses in it: 10 min, 1 h, 30 min -> median (rank 2 of 3) 30 min, 90th (rank 3) 1 h
        QCOMPARE(summary.response.count, 3);
        QCOMPARE(summary.response.median.value(), 30 * s_minute);
        QCOMPARE(summary.response.p90.value(), hour);
        // Resolutions: 1 h, 70 h, 72 h (E left out) -> 70 h, 72 h; handle of the same: 50 min, 10 h, 0
        QCOMPARE(summary.resolution.count, 3);
        QCOMPARE(summary.resolution.median.value(), 70 * hour);
        QCOMPARE(summary.resolution.p90.value(), 72 * hour);
        QCOMPARE(summary.handle.median.value(), 50 * s_minute);
        QCOMPARE(summary.handle.p90.value(), 10 * hour);
        // Of the 4 resolved: first contact A; first level all but B
        QCOMPARE(std::pair(summary.firstContact.count, summary.firstContact.of), std::pair(1, 4));
        QCOMPARE(std::pair(summary.firstLevel.count, summary.firstLevel.of), std::pair(3, 4));
        // Of the 4 created: B escalated, to target 5
        QCOMPARE(std::pair(summary.escalated.count, summary.escalated.of), std::pair(1, 4));
        QCOMPARE(summary.escalatedPerTarget.value(5), 1);
        // Of the 4 resolved: A and B were solved with an article (7 both, 8 B); C's link does not count, it is open
        QCOMPARE(std::pair(summary.solvedWithArticle.count, summary.solvedWithArticle.of), std::pair(2, 4));
        QCOMPARE(summary.solvedPerArticle.value(7), 2);
        QCOMPARE(summary.solvedPerArticle.value(8), 1);
        QCOMPARE(summary.solvedPerArticle.size(), 2);
        // Within 24 h of the 3 with sound times: A (1 h), B (first resolution at exactly 24 h); not D (3 days)
        QCOMPARE(std::pair(summary.within24h.count, summary.within24h.of), std::pair(2, 3));
        // First resolved in the week: A, B, D, E; reopened since: B
        QCOMPARE(std::pair(summary.reopened.count, summary.reopened.of), std::pair(1, 4));
        QCOMPARE(summary.leftOut, 1);
        // Per day: created A, B, C on day 0 and E on day 6; resolved A (day 0), D (1), B (3), E (5, its skewed time)
        QCOMPARE(summary.createdPerBucket, (QList<int>{3, 0, 0, 0, 0, 0, 1}));
        QCOMPARE(summary.resolvedPerBucket, (QList<int>{1, 1, 0, 1, 0, 1, 0}));
        // Of the backlog (C, G): C is overdue, unassigned and breached
        QCOMPARE(summary.overdue, 1);
        QCOMPARE(summary.unassigned, 1);
        QCOMPARE(summary.breached, 1);
        // Resolution times 1 h (bin 1-4 h), 70 h (1-3 days), 72 h (3-7 days)
        QCOMPARE(summary.resolutionByTime, (QList<int>{0, 1, 0, 0, 1, 1, 0}));
        // Answered in the week, with a known response clock: A met, B missed, C met
        QCOMPARE(std::pair(summary.responseRate.count, summary.responseRate.of), std::pair(2, 3));
        // Business: responses 10 min, 1 h, 30 min; resolutions 1 h, 20 h (D has no clocks, E a wrong clock)
        QCOMPARE(summary.businessResponse.median.value(), 30 * s_minute);
        QCOMPARE(summary.businessResponse.p90.value(), hour);
        QCOMPARE(summary.businessResolution.count, 2);
        QCOMPARE(summary.businessResolution.median.value(), hour);
        QCOMPARE(summary.businessResolution.p90.value(), 20 * hour);
        // Per priority, of those resolved: High A met, B missed; Normal (D) and Low (E) without clocks: no data
        const auto high = summary.attainment.value(storage::Priority::High);
        QCOMPARE(std::pair(high.resolution.count, high.resolution.of), std::pair(1, 2));
        QCOMPARE(std::pair(high.response.count, high.response.of), std::pair(1, 2));
        QVERIFY(!summary.attainment.value(storage::Priority::Normal).resolution.value());
        QVERIFY(!summary.attainment.value(storage::Priority::Low).resolution.value());
        // Per technician: ben has G open and resolved A (1 h) and D (72 h): median (rank 1 of 2) 1 h; chloe resolved
        // B; nobody has C and "resolved" E
        QCOMPARE(summary.technicians.keys(), (QStringList{QString(), u"ben"_qs, u"chloe"_qs}));
        const auto ben = summary.technicians.value(u"ben"_qs);
        QCOMPARE(std::tuple(ben.open, ben.resolved, ben.resolution.median.value()), std::tuple(1, 2, hour));
        const auto chloe = summary.technicians.value(u"chloe"_qs);
        QCOMPARE(std::tuple(chloe.open, chloe.resolved, chloe.resolution.median.value()), std::tuple(0, 1, 70 * hour));
        const auto nobody = summary.technicians.value(QString());
        QCOMPARE(std::tuple(nobody.open, nobody.resolved, nobody.resolution.count), std::tuple(1, 1, 0));

        // AND a week with no tickets says "no data", never 0 % or NaN
        const auto empty = board::metrics::summarize({}, week, s_t0 + 8 * day);
        QCOMPARE(empty.created, 0);
        QVERIFY(!empty.resolutionRate && !empty.firstContact.value() && !empty.response.median);
    }

    void shouldDrillDownToExactlyTheTicketsCounted_data()
    {
        using board::metrics::Slice;
        using board::metrics::Summary;
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("key");
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("counted");     // the summary's number
        QTest::addColumn<QString>("tickets"); // which of A-G, by hand
        const Summary s = board::metrics::summarize(weekOfTickets(), week(), s_t0 + 8 * s_day);
        const auto row = [](const char *name, Slice::Kind kind, qint64 key, const QString &who, int counted,
                            const char *tickets) {
            QTest::newRow(name) << int(kind) << key << who << counted << QString::fromLatin1(tickets);
        };
        row("created", Slice::Created, 0, {}, s.created, "ABCE");
        row("created by phone", Slice::CreatedOnChannel, qint64(storage::Channel::Phone), {},
            s.createdPerChannel.value(storage::Channel::Phone), "A");
        row("created with label 1", Slice::CreatedWithLabel, 1, {}, s.createdPerLabel.value(1), "AB");
        row("created on day 0", Slice::CreatedInBucket, 0, {}, s.createdPerBucket.at(0), "ABC");
        row("responded", Slice::Responded, 0, {}, s.response.count, "ABC");
        row("resolved", Slice::Resolved, 0, {}, s.resolved, "ABDE");
        row("resolved on day 3", Slice::ResolvedInBucket, 3, {}, s.resolvedPerBucket.at(3), "B");
        row("resolved in 3-7 days", Slice::ResolvedInTime, 5, {}, s.resolutionByTime.at(5), "D");
        row("resolved, high", Slice::ResolvedAtPriority, qint64(storage::Priority::High), {},
            s.attainment.value(storage::Priority::High).resolution.of, "AB");
        // (D is resolved at Normal priority, without clocks: not in the attainment's count, nor behind its bar)
        row("resolved, normal", Slice::ResolvedAtPriority, qint64(storage::Priority::Normal), {},
            s.attainment.value(storage::Priority::Normal).resolution.of, "");
        row("backlog", Slice::Backlog, 0, {}, s.backlog, "CG");
        row("backlog over 30 days", Slice::BacklogOfAge, 4, {}, s.backlogByAge.at(4), "G");
        row("overdue", Slice::Overdue, 0, {}, s.overdue, "C");
        row("unassigned", Slice::Unassigned, 0, {}, s.unassigned, "C");
        row("breached", Slice::Breached, 0, {}, s.breached, "C");
        row("escalated", Slice::Escalated, 0, {}, s.escalated.count, "B");
        row("escalated to 5", Slice::Escalated, 5, {}, s.escalatedPerTarget.value(5), "B");
        row("open with ben", Slice::OpenWith, 0, u"ben"_qs, s.technicians.value(u"ben"_qs).open, "G");
        row("resolved by ben", Slice::ResolvedBy, 0, u"ben"_qs, s.technicians.value(u"ben"_qs).resolved, "AD");
        row("first contact", Slice::FirstContact, 0, {}, s.firstContact.count, "A");
        row("within 24 h", Slice::Within24h, 0, {}, s.within24h.count, "AB");
        row("solved with an article", Slice::SolvedWithArticle, 0, {}, s.solvedWithArticle.count, "AB");
        row("solved with article 8", Slice::SolvedWithArticle, 8, {}, s.solvedPerArticle.value(8), "B");
    }

    void shouldDrillDownToExactlyTheTicketsCounted()
    {
        QFETCH(int, kind);
        QFETCH(qint64, key);
        QFETCH(QString, who);
        QFETCH(int, counted);
        QFETCH(QString, tickets);
        const board::metrics::Slice slice{board::metrics::Slice::Kind(kind), key, who};
        QString found;
        const QList<TicketRow> rows = weekOfTickets();
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (board::metrics::inSlice(rows.at(i), slice, week(), s_t0 + 8 * s_day))
                found += QChar(char16_t(u'A' + i));
        }
        QCOMPARE(found, tickets);
        QCOMPARE(found.size(), counted);
    }

    void shouldCountATickedFirstContactUnlessReopened_data()
    {
        QTest::addColumn<int>("channel");
        QTest::addColumn<bool>("ticked");
        QTest::addColumn<bool>("resolved");
        QTest::addColumn<int>("reopens");
        QTest::addColumn<bool>("firstContact");
        QTest::newRow("email, ticked") << int(storage::Channel::Email) << true << true << 0 << true;
        QTest::newRow("email, not ticked: the rule says no")
                << int(storage::Channel::Email) << false << true << 0 << false;
        QTest::newRow("phone, not ticked: the rule says yes")
                << int(storage::Channel::Phone) << false << true << 0 << true;
        QTest::newRow("ticked, then reopened and resolved again")
                << int(storage::Channel::Email) << true << true << 1 << false;
        QTest::newRow("ticked, open again") << int(storage::Channel::Email) << true << false << 1 << false;
    }

    void shouldCountATickedFirstContactUnlessReopened()
    {
        QFETCH(int, channel);
        QFETCH(bool, ticked);
        QFETCH(bool, resolved);
        QFETCH(int, reopens);
        QFETCH(bool, firstContact);
        TicketRow row;
        row.channel = storage::Channel(channel);
        row.createdAt = s_t0;
        row.firstResponseAt = s_t0 + s_minute;
        row.firstResponseBy = row.resolvedBy = u"ben"_qs;
        row.firstResolvedAt = s_t0 + s_hour;
        row.finalResolvedAt = resolved ? s_t0 + 2 * s_hour : 0;
        row.resolvedSpans = {{s_t0 + s_hour, resolved ? 0 : s_t0 + 90 * s_minute}};
        row.reopenCount = reopens;
        row.firstContactTicked = ticked;
        QCOMPARE(row.firstContact(), firstContact);
        const auto summary = board::metrics::summarize({row}, week(), s_t0 + 8 * s_day);
        QCOMPARE(summary.firstContact.count, firstContact ? 1 : 0);
    }

    void shouldCreditAResolutionToWhoeverHadTheTicketThen()
    {
        // GIVEN a ticket resolved while nobody had it, and given to ben afterwards
        QTemporaryDir dir;
        auto made = storage::BoardStore::create(dir.filePath(u"b.helpboard"_qs), u"Board"_qs,
                                                tests::optionsFor(u"alice"_qs));
        QVERIFY(made);
        storage::BoardStore &store = **made;
        QVERIFY(store.setMember(u"ben"_qs, storage::Role::Editor));
        QHash<qint64, storage::ColumnKind> kinds;
        qint64 done = 0;
        storage::NewCard card;
        card.title = u"Ticket"_qs;
        for (const storage::Column &column : store.columns().value()) {
            kinds.insert(column.id, column.kind);
            done = column.kind == storage::ColumnKind::Done ? column.id : done;
            card.columnId = card.columnId ? card.columnId : column.id;
        }
        const qint64 id = store.createCard(card).value();
        QVERIFY(store.moveCard(id, done));
        storage::CardPatch patch;
        patch.assignee = u"ben"_qs;
        QVERIFY(store.updateCard(id, patch));
        // THEN the resolution is nobody's, not ben's
        const TicketRow row = board::metrics::ticketRow(
                store.card(id).value(), store.metricHistories()->value(id), {},
                [&kinds](qint64 column) { return std::optional(kinds.value(column)); }, s_t0);
        QVERIFY(row.isResolved());
        QCOMPARE(row.assignee, u"ben"_qs);
        QCOMPARE(row.assigneeAtResolution, QString());
    }

    void shouldCountTheBacklogOfAPastPeriodAsItWasThen()
    {
        // H: resolved on day 1 and reopened on day 10, after the week: not open at the week's end, open now.
        TicketRow h;
        h.createdAt = s_t0;
        h.firstResolvedAt = s_t0 + s_day;
        h.reopenCount = 1;
        h.resolvedSpans = {{s_t0 + s_day, s_t0 + 10 * s_day}};
        QVERIFY(!h.openAt(s_t0 + 7 * s_day));
        QVERIFY(h.openAt(s_t0 + 12 * s_day));
        QVERIFY(h.openAt(s_t0 + s_hour));
        QCOMPARE(board::metrics::summarize({h}, week(), s_t0 + 12 * s_day).backlog, 0);
        QCOMPARE(board::metrics::summarize({h}, {s_t0, s_t0 + 12 * s_day, {}}, s_t0 + 12 * s_day).backlog, 1);
    }

    void shouldCountAnEscalationUnlessItsMakerEndedItWithinAMinute_data()
    {
        QTest::addColumn<qint64>("lastedMs");
        QTest::addColumn<QString>("endedBy");
        QTest::addColumn<bool>("counts");
        QTest::newRow("open") << 0LL << QString() << true;
        QTest::newRow("undone by its maker") << 10'000LL << u"ben"_qs << false;
        QTest::newRow("taken back by its maker after a minute") << 60'000LL << u"ben"_qs << true;
        QTest::newRow("taken back at once by someone else") << 10'000LL << u"chloe"_qs << true;
    }

    void shouldCountAnEscalationUnlessItsMakerEndedItWithinAMinute()
    {
        QFETCH(qint64, lastedMs);
        QFETCH(QString, endedBy);
        QFETCH(bool, counts);
        storage::Escalation escalation;
        escalation.targetId = 1;
        escalation.at = s_t0;
        escalation.by = u"ben"_qs;
        escalation.endedAt = lastedMs ? s_t0 + lastedMs : 0;
        escalation.endedBy = endedBy;
        QCOMPARE(board::metrics::escalationCounts(escalation), counts);
    }
};

QTEST_GUILESS_MAIN(tst_Metrics)
#include "tst_metrics.moc"
