// SPDX-License-Identifier: GPL-3.0-or-later
// "Usually resolved within ~X": the median business resolution time of the same priority (and first label, when 5
// or more share it) over the last 90 days, and "not enough history" under 5.
#include <board/sla/estimate.h>

#include <QTest>

using namespace hb;
using namespace hb::board::sla;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 s_minute = 60'000;
constexpr qint64 s_day = 24 * 60 * s_minute;
constexpr qint64 s_now = 1'796'000'000'000;
constexpr qint64 s_printer = 7; ///< a label id
constexpr qint64 s_network = 8;

/// A high ticket resolved @p daysAgo days before now, in @p minutes of business time.
Resolved high(qint64 minutes, qint64 label = 0, double daysAgo = 1)
{
    return {storage::Priority::High, label, s_now - qint64(daysAgo * double(s_day)), minutes * s_minute};
}

} // namespace

Q_DECLARE_METATYPE(QList<hb::board::sla::Resolved>)

class tst_SlaEstimate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldTakeTheMedianOfTicketsLikeIt_data()
    {
        QTest::addColumn<QList<Resolved>>("resolved");
        QTest::addColumn<qint64>("firstLabel");
        QTest::addColumn<int>("basedOn");
        QTest::addColumn<qint64>("medianMinutes"); ///< 0: not enough history
        QTest::addColumn<qint64>("label");         ///< of the tickets it is based on; 0: the whole priority
        QTest::newRow("none") << QList<Resolved>{} << 0LL << 0 << 0LL << 0LL;
        QTest::newRow("four: not enough")
                << QList<Resolved>{high(10), high(20), high(30), high(40)} << 0LL << 4 << 0LL << 0LL;
        // 10 20 30 40 50 -> the middle one
        QTest::newRow("five: the middle one")
                << QList<Resolved>{high(50), high(10), high(40), high(20), high(30)} << 0LL << 5 << 30LL << 0LL;
        // 10 20 30 40 50 60 -> (30 + 40) / 2
        QTest::newRow("six: between the middle two")
                << QList<Resolved>{high(60), high(10), high(50), high(20), high(40), high(30)} << 0LL << 6 << 35LL
                << 0LL;
        // other priorities never count
        QList<Resolved> mixed{high(10), high(20), high(30), high(40), high(50)};
        for (int i = 0; i < 5; ++i)
            mixed.append({storage::Priority::Low, 0, s_now - s_day, 1000 * s_minute});
        QTest::newRow("another priority left out") << mixed << 0LL << 5 << 30LL << 0LL;
        // older than 90 days, or after now: left out
        QTest::newRow("only the last 90 days")
                << QList<Resolved>{high(10), high(20),           high(30),         high(40),
                                   high(50), high(900, 0, 90.5), high(900, 0, 91), high(900, 0, -1)}
                << 0LL << 5 << 30LL << 0LL;
        QTest::newRow("exactly 90 days back counts")
                << QList<Resolved>{high(10), high(20), high(30), high(40), high(50, 0, 90)} << 0LL << 5 << 30LL << 0LL;
        // five printer tickets (100..500 min) among ten: the printer ones
        QList<Resolved> printers{high(100, s_printer), high(200, s_printer), high(300, s_printer), high(400, s_printer),
                                 high(500, s_printer)};
        const QList<Resolved> others{high(10, s_network), high(20), high(30), high(40), high(50)};
        QTest::newRow("five of its first label: those") << printers + others << s_printer << 5 << 300LL << s_printer;
        // four printer tickets: not enough of them, so every high one (10 20 30 40 50 100 200 300 400 -> 50)
        printers.removeLast();
        QTest::newRow("four of its first label: the whole priority")
                << printers + others << s_printer << 9 << 50LL << 0LL;
        QTest::newRow("no label: the whole priority") << printers + others << 0LL << 9 << 50LL << 0LL;
    }

    void shouldTakeTheMedianOfTicketsLikeIt()
    {
        QFETCH(QList<Resolved>, resolved);
        QFETCH(qint64, firstLabel);
        QFETCH(int, basedOn);
        QFETCH(qint64, medianMinutes);
        QFETCH(qint64, label);
        const Estimate estimate = estimateOf(storage::Priority::High, firstLabel, resolved, s_now);
        QCOMPARE(estimate.priority, storage::Priority::High);
        QCOMPARE(estimate.basedOn, basedOn);
        QCOMPARE(estimate.enough(), medianMinutes > 0);
        QCOMPARE(estimate.medianMs, medianMinutes * s_minute);
        QCOMPARE(estimate.labelId, label);
    }

    void shouldSayItForPeople_data()
    {
        QTest::addColumn<int>("basedOn");
        QTest::addColumn<qint64>("labelId");
        QTest::addColumn<QString>("text");
        QTest::newRow("none") << 0 << 0LL
                              << u"Not enough history yet: 0 high tickets resolved in the last 90 days (5 needed)"_s;
        QTest::newRow("one") << 1 << 0LL
                             << u"Not enough history yet: 1 high ticket resolved in the last 90 days (5 needed)"_s;
        QTest::newRow("the priority") << 12 << 0LL
                                      << u"Usually resolved within ~1h 30m (median of 12 high tickets, last 90 days)"_s;
        QTest::newRow("a label")
                << 5 << s_printer
                << u"Usually resolved within ~1h 30m (median of 5 high tickets labelled <b>Printer</b>, "
                   "last 90 days)"_s;
    }

    void shouldSayItForPeople()
    {
        QFETCH(int, basedOn);
        QFETCH(qint64, labelId);
        QFETCH(QString, text);
        Estimate estimate;
        estimate.priority = storage::Priority::High;
        estimate.basedOn = basedOn;
        estimate.labelId = labelId;
        estimate.medianMs = estimate.enough() ? 90 * s_minute : 0;
        QCOMPARE(estimateText(estimate, u"<b>Printer</b>"_s), text);
        const QJsonObject json = estimateToJson(estimate, u"<b>Printer</b>"_s);
        QCOMPARE(json.value(u"based_on"_s).toInt(), basedOn);
        QCOMPARE(json.value(u"text"_s).toString(), text);
        QCOMPARE(json.value(u"median_business_ms"_s).isNull(), !estimate.enough());
        QCOMPARE(json.value(u"label"_s).isNull(), labelId == 0);
    }
};

QTEST_GUILESS_MAIN(tst_SlaEstimate)
#include "tst_slaestimate.moc"
