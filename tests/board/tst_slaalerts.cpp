// SPDX-License-Identifier: GPL-3.0-or-later
// Alerts for tickets that become at risk or breached: not for what the board showed when opened, once per card and
// state, only for this user's tickets unless asked for all, more than five as one summary.
#include <board/model/slaalerts.h>

#include <QSignalSpy>
#include <QTest>

using namespace hb;
using namespace hb::board;
using namespace Qt::StringLiterals;

namespace {

/// Clocks whose current one (the resolution: answered) is in @p state.
sla::Clocks inState(sla::ClockState state)
{
    sla::Clocks clocks;
    clocks.response.state = sla::ClockState::Met;
    clocks.resolution.state = state;
    return clocks;
}

} // namespace

class tst_SlaAlerts : public QObject
{
    Q_OBJECT

private:
    /// Cards 1..20 on the board, "Ticket N", those with an odd id assigned to this user.
    static bool card(qint64 id, QString *title, bool *mine)
    {
        if (id < 1 || id > 20)
            return false;
        *title = u"Ticket %1"_s.arg(id);
        *mine = id % 2 == 1;
        return true;
    }

    static QList<qint64> ids(const QList<QVariant> &signal)
    {
        QList<qint64> found;
        for (const SlaAlerts::Ticket &ticket : signal.at(0).value<QList<SlaAlerts::Ticket>>())
            found << ticket.cardId;
        return found;
    }

private Q_SLOTS:
    void shouldSayEachCardAndStateOnceAfterTheFirstRead()
    {
        SlaAlerts alerts;
        alerts.setScope(SlaAlerts::Scope::All);
        QSignalSpy spy(&alerts, &SlaAlerts::alerted);
        // GIVEN a board opened with card 1 breached and card 2 on track: where it starts, nothing said
        alerts.clocksRead({{1, inState(sla::ClockState::Breached)}, {2, inState(sla::ClockState::Ok)}}, true, card);
        QCOMPARE(spy.count(), 0);
        // WHEN card 2 becomes at risk (a changed card's read), THEN that is said, once
        alerts.clocksRead({{2, inState(sla::ClockState::AtRisk)}}, false, card);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(ids(spy.takeFirst()), QList<qint64>{2});
        alerts.clocksRead({{1, inState(sla::ClockState::Breached)}, {2, inState(sla::ClockState::AtRisk)}}, true, card);
        QCOMPARE(spy.count(), 0);
        // WHEN it goes on to breached, THEN that is news too; back to at risk (its priority lowered) is not again
        alerts.clocksRead({{2, inState(sla::ClockState::Breached)}}, false, card);
        QCOMPARE(spy.count(), 1);
        const auto breached = spy.takeFirst().at(0).value<QList<SlaAlerts::Ticket>>();
        QCOMPARE(breached.constFirst().state, sla::ClockState::Breached);
        QCOMPARE(SlaAlerts::titleOf(breached), u"Service level breached"_s);
        QCOMPARE(SlaAlerts::textOf(breached), u"“Ticket 2” is breached"_s);
        alerts.clocksRead({{2, inState(sla::ClockState::AtRisk)}}, false, card);
        QCOMPARE(spy.count(), 0);
        // AND a card at risk when the board was opened: breached is news, at risk again (the targets relaxed) is not
        alerts.reset();
        alerts.clocksRead({{6, inState(sla::ClockState::AtRisk)}}, true, card);
        alerts.clocksRead({{6, inState(sla::ClockState::Breached)}}, false, card);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(ids(spy.takeFirst()), QList<qint64>{6});
        alerts.clocksRead({{6, inState(sla::ClockState::AtRisk)}}, true, card);
        QCOMPARE(spy.count(), 0);
        // AND a card that waits (paused) or is resolved says nothing; one not on the board neither
        alerts.clocksRead({{3, inState(sla::ClockState::Paused)},
                           {4, inState(sla::ClockState::Missed)},
                           {99, inState(sla::ClockState::Breached)}},
                          false, card);
        QCOMPARE(spy.count(), 0);
        // WHEN another board is opened (reset), THEN its first read is where it starts again
        alerts.reset();
        alerts.clocksRead({{5, inState(sla::ClockState::Breached)}}, true, card);
        QCOMPARE(spy.count(), 0);
    }

    void shouldJudgeACardOnceItIsOnTheBoard()
    {
        SlaAlerts alerts;
        alerts.setScope(SlaAlerts::Scope::All);
        QSignalSpy spy(&alerts, &SlaAlerts::alerted);
        QSet<qint64> onBoard{1};
        const auto known = [&onBoard](qint64 id, QString *title, bool *mine) {
            *title = u"Ticket %1"_s.arg(id);
            *mine = false;
            return onBoard.contains(id);
        };
        alerts.clocksRead({{1, inState(sla::ClockState::Ok)}}, true, known);
        // WHEN a card made elsewhere, already breached, has its clocks read before it shows, THEN nothing yet
        alerts.clocksRead({{7, inState(sla::ClockState::Breached)}}, false, known);
        QCOMPARE(spy.count(), 0);
        // AND once it is on the board, it is said
        onBoard.insert(7);
        alerts.clocksRead({{1, inState(sla::ClockState::Ok)}, {7, inState(sla::ClockState::Breached)}}, true, known);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(ids(spy.takeFirst()), QList<qint64>{7});
        // AND a read of no clocks at all (levels that cannot be used) forgets nothing: nothing is news after it
        alerts.clocksRead({}, true, known);
        alerts.clocksRead({{1, inState(sla::ClockState::Ok)}, {7, inState(sla::ClockState::Breached)}}, true, known);
        QCOMPARE(spy.count(), 0);
    }

    void shouldTellAboutWhomTheUserAsked_data()
    {
        QTest::addColumn<SlaAlerts::Scope>("scope");
        QTest::addColumn<QList<qint64>>("said");
        QTest::newRow("off") << SlaAlerts::Scope::Off << QList<qint64>{};
        QTest::newRow("my tickets") << SlaAlerts::Scope::Mine << QList<qint64>{3};
        QTest::newRow("all tickets") << SlaAlerts::Scope::All << QList<qint64>{3, 4};
    }

    void shouldTellAboutWhomTheUserAsked()
    {
        QFETCH(SlaAlerts::Scope, scope);
        QFETCH(QList<qint64>, said);
        SlaAlerts alerts;
        alerts.setScope(scope);
        QSignalSpy spy(&alerts, &SlaAlerts::alerted);
        alerts.clocksRead({{3, inState(sla::ClockState::Ok)}, {4, inState(sla::ClockState::Ok)}}, true, card);
        alerts.clocksRead({{3, inState(sla::ClockState::AtRisk)}, {4, inState(sla::ClockState::AtRisk)}}, true, card);
        QCOMPARE(spy.isEmpty() ? QList<qint64>{} : ids(spy.takeFirst()), said);
        QCOMPARE(spy.count(), 0);
    }

    void shouldSummariseMoreThanFiveAtOnce()
    {
        SlaAlerts alerts;
        alerts.setScope(SlaAlerts::Scope::All);
        QSignalSpy spy(&alerts, &SlaAlerts::alerted);
        QHash<qint64, sla::Clocks> before;
        QHash<qint64, sla::Clocks> after;
        for (qint64 id = 1; id <= 7; ++id) {
            before.insert(id, inState(sla::ClockState::Ok));
            after.insert(id, inState(id <= 3 ? sla::ClockState::Breached : sla::ClockState::AtRisk));
        }
        alerts.clocksRead(before, true, card);
        // WHEN seven tickets turn at once (the levels were tightened), THEN one alert holds them all, in id order
        alerts.clocksRead(after, true, card);
        QCOMPARE(spy.count(), 1);
        const auto tickets = spy.takeFirst().at(0).value<QList<SlaAlerts::Ticket>>();
        QCOMPARE(tickets.size(), 7);
        QCOMPARE(tickets.constFirst().cardId, 1);
        QCOMPARE(SlaAlerts::titleOf(tickets), u"7 tickets need attention"_s);
        QCOMPARE(SlaAlerts::textOf(tickets), u"3 breached, 4 at risk"_s);
        // AND five are still said one by one
        QCOMPARE(SlaAlerts::textOf(tickets.mid(2, 5)).count(u'\n'), 4);
        QCOMPARE(SlaAlerts::titleOf(tickets.mid(3, 4)), u"Service level at risk"_s);
    }

    void shouldReadItsSettingBothWays()
    {
        for (const SlaAlerts::Scope scope : {SlaAlerts::Scope::Off, SlaAlerts::Scope::Mine, SlaAlerts::Scope::All})
            QCOMPARE(SlaAlerts::scopeFromName(SlaAlerts::scopeName(scope)), scope);
        QCOMPARE(SlaAlerts::scopeFromName(QString()), SlaAlerts::Scope::Mine);
        QCOMPARE(SlaAlerts::scopeFromName(u"loud"_s), SlaAlerts::Scope::Mine);
    }
};

QTEST_GUILESS_MAIN(tst_SlaAlerts)
#include "tst_slaalerts.moc"
