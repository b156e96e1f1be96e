// SPDX-License-Identifier: GPL-3.0-or-later
// A resolved ticket as the metrics' cache keeps it (board/metrics/cache.cpp): every field back as it went in, and
// rows of another format, cut short, mutated or random read as "work it out again", never a crash or a wrong row.
#include <board/metrics/cache.h>

#include <QRandomGenerator>

#include <functional>
#include <QTest>

using namespace hb;
using namespace hb::board::metrics;
using namespace Qt::StringLiterals;

namespace {

QString opt(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : u"-"_s;
}

QString opt(const std::optional<bool> &value)
{
    return value ? (*value ? u"yes"_s : u"no"_s) : u"-"_s;
}

QString ids(const QList<qint64> &values)
{
    QStringList texts;
    for (qint64 value : values)
        texts << QString::number(value);
    return texts.join(u',');
}

/// Every field the cache keeps, one per line, to compare.
QStringList fields(const CachedTicket &ticket)
{
    const TicketCard &c = ticket.card;
    const TicketRow &r = ticket.row;
    QStringList spans;
    for (const auto &[arrived, left] : r.resolvedSpans)
        spans << u"%1-%2"_s.arg(arrived).arg(left);
    return {u"card %1 %2 %3 %4 %5 escalated to %6"_s.arg(c.id)
                    .arg(c.columnId)
                    .arg(c.dueAt)
                    .arg(c.resolvedAt)
                    .arg(c.archivedAt)
                    .arg(c.escalation.targetId),
            u"texts %1|%2|%3|%4"_s.arg(c.title, c.assignee, c.requester, c.description),
            u"kinds %1 %2 %3 labels %4"_s.arg(int(c.priority))
                    .arg(int(c.status))
                    .arg(int(c.channel))
                    .arg(ids(c.labelIds)),
            u"row %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(r.cardId)
                    .arg(r.archivedAt)
                    .arg(r.dueAt)
                    .arg(r.createdAt)
                    .arg(r.firstResponseAt)
                    .arg(r.firstResolvedAt)
                    .arg(r.finalResolvedAt)
                    .arg(r.handleMs),
            u"row texts %1|%2|%3|%4"_s.arg(r.assignee, r.firstResponseBy, r.resolvedBy, r.assigneeAtResolution),
            u"row kinds %1 %2 labels %3 ticked %4"_s.arg(int(r.channel))
                    .arg(int(r.priority))
                    .arg(ids(r.labelIds))
                    .arg(r.firstContactTicked),
            u"spans %1 reopened %2 reassigned %3 escalated %4 skew %5"_s.arg(spans.join(u' '))
                    .arg(r.reopenCount)
                    .arg(r.reassignments)
                    .arg(ids(r.escalatedTo))
                    .arg(r.clockSkew),
            u"clocks %1 %2 %3 %4 breached %5"_s
                    .arg(opt(r.businessResponseMs), opt(r.businessResolutionMs), opt(r.responseMet),
                         opt(r.resolutionMet))
                    .arg(r.breachedNow),
            u"sla %1"_s.arg(ticket.slaState)};
}

/// A resolved ticket with every field set to something of its own.
CachedTicket fullTicket()
{
    CachedTicket ticket;
    TicketCard &c = ticket.card;
    c.id = 4711;
    c.columnId = 3;
    c.title = u"Drucker im 2. Stock druckt nur <b>leere</b> Seiten 🖨"_s;
    c.priority = storage::Priority::Critical;
    c.status = storage::StatusTag::WaitingVendor;
    c.assignee = u"chloé"_s;
    c.requester = u"Mara Jones <mara@example.org>"_s;
    c.channel = storage::Channel::Monitoring;
    c.dueAt = 1'760'000'000'001;
    c.resolvedAt = 1'759'900'000'006;
    c.archivedAt = 1'760'100'000'007;
    c.labelIds = {5, 9, 12};
    c.escalation.targetId = 2;
    TicketRow &r = ticket.row;
    r.cardId = c.id;
    r.channel = storage::Channel::Phone;
    r.priority = storage::Priority::High;
    r.labelIds = {5, 9};
    r.assignee = u"chloé"_s;
    r.archivedAt = c.archivedAt;
    r.dueAt = c.dueAt - 1;
    r.createdAt = 1'759'000'000'000;
    r.firstResponseAt = 1'759'000'300'000;
    r.firstResponseBy = u"dev"_s;
    r.firstResolvedAt = 1'759'800'000'000;
    r.finalResolvedAt = 1'759'900'000'000;
    r.resolvedBy = u"bo"_s;
    r.firstContactTicked = true;
    r.resolvedSpans = {{1'759'800'000'000, 1'759'850'000'000}, {1'759'900'000'000, 0}};
    r.reopenCount = 1;
    r.reassignments = 3;
    r.assigneeAtResolution = u"bo"_s;
    r.escalatedTo = {2, 7};
    r.handleMs = 123'456'789;
    r.clockSkew = true;
    r.businessResponseMs = 0;
    r.businessResolutionMs = 9'000'000;
    r.responseMet = false;
    r.resolutionMet = true;
    r.breachedNow = true;
    ticket.slaState = u"met"_s;
    return ticket;
}

} // namespace

class tst_CachedTickets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadBackEveryField_data()
    {
        QTest::addColumn<int>("variant");
        QTest::newRow("every field set") << 0;
        QTest::newRow("as little as a resolved ticket has") << 1;
        QTest::newRow("negative times (before 1970), no clocks") << 2;
        QTest::newRow("the row's labels the card's") << 3;
    }

    void shouldReadBackEveryField()
    {
        QFETCH(int, variant);
        CachedTicket ticket = fullTicket();
        if (variant == 1) {
            CachedTicket bare;
            bare.card.id = bare.row.cardId = 1;
            bare.row.finalResolvedAt = 1;
            bare.row.resolvedSpans = {{1, 0}};
            bare.slaState = u"missed"_s;
            ticket = bare;
        } else if (variant == 2) {
            ticket.card.dueAt = ticket.row.createdAt = -86'400'000;
            ticket.row.handleMs = std::numeric_limits<qint64>::min();
            ticket.card.columnId = std::numeric_limits<qint64>::max();
            ticket.row.businessResponseMs.reset();
            ticket.row.businessResolutionMs.reset();
            ticket.row.responseMet.reset();
            ticket.row.resolutionMet.reset();
        } else if (variant == 3) {
            ticket.row.labelIds = ticket.card.labelIds;
        }
        const QByteArray data = encodeCached(ticket);
        const std::optional<CachedTicket> back = decodeCached(data, ticket.card.id);
        QVERIFY(back);
        QCOMPARE(fields(*back), fields(ticket));
        // (a TicketCard has no description)
        QVERIFY(back->card.description.isEmpty());
        // (compact: a full ticket in a few hundred bytes, a bare one in a few dozen)
        QVERIFY2(data.size() < (variant == 1 ? 80 : 600), qPrintable(QString::number(data.size())));
    }

    void shouldRefuseRowsItCannotTrust_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<qint64>("cardId"); // the ticket it is kept for
        const QByteArray good = encodeCached(fullTicket());
        const qint64 id = fullTicket().card.id;
        QTest::newRow("the good one, kept for another ticket") << good << id + 1;
        QTest::newRow("empty") << QByteArray() << id;
        QTest::newRow("an older format") << QByteArray(good).replace(0, 1, "\x01") << id;
        QTest::newRow("a newer format") << QByteArray(good).replace(0, 1, "\x03") << id;
        QTest::newRow("cut short") << good.left(good.size() - 1) << id;
        QTest::newRow("one byte more") << good + '\0' << id;
        const auto changed = [](const std::function<void(CachedTicket &)> &change) {
            CachedTicket ticket = fullTicket();
            change(ticket);
            return encodeCached(ticket);
        };
        QTest::newRow("a priority out of range")
                << changed([](CachedTicket &t) { t.card.priority = storage::Priority(9); }) << id;
        QTest::newRow("an open ticket (its row goes on with now)")
                << changed([](CachedTicket &t) { t.row.finalResolvedAt = 0; }) << id;
        QTest::newRow("resolved, but in Doing by its history (its time in Doing goes on with now)")
                << changed([](CachedTicket &t) { t.row.resolvedSpans.last().second = 1'759'950'000'000; }) << id;
        QTest::newRow("resolved, never answered (its response clock runs)")
                << changed([](CachedTicket &t) { t.slaState = u"breached"_s; }) << id;
        QTest::newRow("without the desk's clocks") << changed([](CachedTicket &t) { t.slaState.clear(); }) << id;
        QTest::newRow("the row of another card") << changed([](CachedTicket &t) { t.row.cardId = 1; }) << id;
        // (format 2, id 1, five more integers 0, then the title's length)
        const QByteArray head("\x02\x02\x00\x00\x00\x00\x00", 7);
        QTest::newRow("a length beyond the end") << head + QByteArray("\xfe\xff\xff\x0f") << qint64(1);
        QTest::newRow("a negative length") << head + QByteArray("\x03") << qint64(1);
        QTest::newRow("a varint of eleven bytes") << head + QByteArray(11, '\xff') << qint64(1);
        // (then an empty title, assignee and requester, enums 0, and the card's labels: a billion of them)
        QTest::newRow("a billion labels")
                << head + QByteArray(6, '\0') + QByteArray("\x80\xa8\xd6\xb9\x07") << qint64(1);
    }

    void shouldRefuseRowsItCannotTrust()
    {
        QFETCH(QByteArray, data);
        QFETCH(qint64, cardId);
        QVERIFY(!decodeCached(data, cardId));
        // (only a newer program's row is left alone when worked out again)
        QCOMPARE(isNewerFormat(data), QByteArrayView(QTest::currentDataTag()) == "a newer format");
    }

    void shouldSurviveRandomAndMutatedRows()
    {
        // 100,000 rows: half random bytes, half a good row mutated (bytes changed, cut, doubled). None crashes or
        // hangs; a row read at all reads the same once written again, and is a resolved ticket's.
        QRandomGenerator random(20261207);
        const QByteArray good = encodeCached(fullTicket());
        int accepted = 0;
        constexpr int runs = 100'000;
        for (int run = 0; run < runs; ++run) {
            QByteArray data;
            if (run % 2 == 0) {
                data.resize(random.bounded(400));
                for (char &byte : data)
                    byte = char(random.bounded(256));
                if (!data.isEmpty())
                    data[0] = '\x02'; // (past the format byte, mostly)
            } else {
                data = good;
                const int mutations = 1 + random.bounded(4);
                for (int i = 0; i < mutations; ++i) {
                    const int at = random.bounded(int(data.size()));
                    switch (random.bounded(3)) {
                    case 0:
                        data[at] = char(random.bounded(256));
                        break;
                    case 1:
                        data.truncate(at);
                        break;
                    default:
                        data.insert(at, data.mid(at, random.bounded(8)));
                    }
                    if (data.isEmpty())
                        break;
                }
            }
            const std::optional<CachedTicket> ticket = decodeCached(data, 4711);
            if (!ticket)
                continue;
            ++accepted;
            QVERIFY(isCacheable(ticket->row, ticket->slaState));
            QCOMPARE(ticket->row.cardId, 4711);
            const std::optional<CachedTicket> again = decodeCached(encodeCached(*ticket), 4711);
            QVERIFY(again);
            QCOMPARE(fields(*again), fields(*ticket));
        }
        qInfo("%d of %d rows read as tickets", accepted, runs);
        QVERIFY(accepted > 0); // (mutations of a text's bytes still read: the check above ran)
    }
};

QTEST_GUILESS_MAIN(tst_CachedTickets)
#include "tst_cachedtickets.moc"
