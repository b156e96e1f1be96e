// SPDX-License-Identifier: GPL-3.0-or-later
// The board's service levels in the file: what a new board has, who may change them, compare-and-swap, the feed.
#include "boardtestcase.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace hb::storage;
using namespace hb::tests;

Q_DECLARE_METATYPE(hb::storage::ErrorKind)

class tst_ServiceLevels : public BoardTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldGiveANewBoardTheDefaultsInThisDesktopsTimeZone()
    {
        const auto levels = m_store->serviceLevels();
        QVERIFY2(levels, qPrintable(describe(levels)));
        QCOMPARE(levels->policy, QByteArray("{}"));
        QCOMPARE(levels->calendar, QByteArray(R"({"time_zone":")") + QTimeZone::systemTimeZoneId() + "\"}");
        QCOMPARE(levels->updatedBy, QStringLiteral("alice"));
        QCOMPARE(levels->version, 1);
    }

    void shouldSaveNewLevelsOnlyFromTheVersionSeen()
    {
        // GIVEN the admin's new levels, saved from version 1
        const qint64 seq = m_store->lastEventSeq().value();
        m_clock = 5000;
        const QByteArray policy = R"({"targets":{"low":{"response_min":600,"resolution_min":6000}}})";
        const QByteArray calendar = R"({"time_zone":"Europe/Madrid"})";
        const auto saved = m_store->setServiceLevels(policy, calendar, 1);
        QVERIFY2(saved, qPrintable(describe(saved)));
        QCOMPARE(*saved, 2);
        // THEN they are read back as written, with who and when, and the change feed says so
        const ServiceLevels levels = m_store->serviceLevels().value();
        QCOMPARE(levels.policy, policy);
        QCOMPARE(levels.calendar, calendar);
        QCOMPARE(levels.updatedAt, 5000);
        QCOMPARE(levels.version, 2);
        QCOMPARE(eventKinds(*m_store, seq), QStringList{eventkind::ServiceLevelsChanged.toString()});
        // AND the change holds what it replaced (a ticket resolved before it keeps the result it had)
        const QList<Event> changes = m_store->boardEvents(eventkind::ServiceLevelsChanged).value();
        QCOMPARE(changes.size(), 1);
        const QJsonObject payload = QJsonDocument::fromJson(changes.constFirst().payload).object();
        QCOMPARE(payload.value(u"version").toInteger(), 2);
        QCOMPARE(payload.value(u"previous").toObject().value(u"policy").toObject(), QJsonObject());
        QCOMPARE(payload.value(u"previous").toObject().value(u"calendar").toObject().value(u"time_zone").toString(),
                 QString::fromUtf8(QTimeZone::systemTimeZoneId()));
        // WHEN another save still starts from version 1, THEN it is a conflict and nothing changes
        const auto stale = m_store->setServiceLevels("{}", "{}", 1);
        QVERIFY(!stale);
        QCOMPARE(stale.error().kind, ErrorKind::Conflict);
        QCOMPARE(m_store->serviceLevels()->policy, policy);
        // AND without a version seen the last save wins
        QCOMPARE(m_store->setServiceLevels("{}", calendar).value(), 3);
    }

    void shouldRefuseLevelsThatAreNotJsonObjects_data()
    {
        QTest::addColumn<QByteArray>("policy");
        QTest::addColumn<QByteArray>("calendar");
        QTest::newRow("not JSON") << QByteArray("{targets") << QByteArray("{}");
        QTest::newRow("an array") << QByteArray("{}") << QByteArray("[]");
        QTest::newRow("empty") << QByteArray() << QByteArray("{}");
        QTest::newRow("too long") << QByteArray("{\"x\":\"") + QByteArray(2 * 1024 * 1024, 'a') + "\"}"
                                  << QByteArray("{}");
    }

    void shouldRefuseLevelsThatAreNotJsonObjects()
    {
        QFETCH(QByteArray, policy);
        QFETCH(QByteArray, calendar);
        const QString before = fileState();
        const auto refused = m_store->setServiceLevels(policy, calendar);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Invalid);
        QCOMPARE(fileState(), before);
        QCOMPARE(m_store->serviceLevels()->version, 1);
    }

    void shouldLetOnlyAnAdminChangeThem_data()
    {
        QTest::addColumn<QString>("login");
        QTest::newRow("an editor") << QStringLiteral("ben");
        QTest::newRow("a viewer") << QStringLiteral("vera");
    }

    void shouldLetOnlyAnAdminChangeThem()
    {
        QFETCH(QString, login);
        auto other = BoardStore::open(m_store->path(), as(login));
        QVERIFY2(other, qPrintable(describe(other)));
        // Everyone reads them
        QVERIFY(other.value()->serviceLevels());
        const auto refused = other.value()->setServiceLevels("{}", "{}");
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Forbidden);
        QCOMPARE(m_store->serviceLevels()->version, 1);
    }
};

QTEST_GUILESS_MAIN(tst_ServiceLevels)
#include "tst_servicelevels.moc"
