// SPDX-License-Identifier: GPL-3.0-or-later
// The metrics' cache in the board file (schema v8, storage/sqlite/metriccache.cpp): a ticket's row stays only while
// the ticket has not changed (the file's trigger forgets it in the change's transaction), the board-wide changes that
// may change every row forget them all, and a row worked out before a change is never written back after it. What
// the rows hold and that a read from them equals a fresh one: tests/board/tst_metricviews.cpp.
#include "boardtestcase.h"

#include <storage/boardstore.h>

#include <QTest>

using namespace hb;
using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

class tst_MetricCache : public BoardTestCase
{
    Q_OBJECT

    /// The cache's rows, as "id=data" (tickets without one left out).
    QStringList cached()
    {
        QStringList rows;
        for (const CachedMetrics &row : m_store->metricCache().value()) {
            if (!row.data.isEmpty())
                rows << u"%1=%2"_s.arg(row.cardId).arg(QString::fromLatin1(row.data));
        }
        return rows;
    }

    /// Rows "a", "b", "c" for the three tickets, as read at the feed's last event.
    Result<qsizetype> storeAll(BoardStore &store, qint64 readSeq)
    {
        return store.storeMetricCache(readSeq, {{m_a, "a"}, {m_b, "b"}, {m_c, "c"}});
    }

    qint64 m_a = 0;
    qint64 m_b = 0;
    qint64 m_c = 0;
    qint64 m_label = 0;

private Q_SLOTS:
    void init()
    {
        setUpBoard();
        m_a = newCard(u"Printer jams"_s);
        m_b = newCard(u"VPN drops"_s, m_done);
        m_c = newCard(u"New laptop"_s, m_done);
        m_label = m_store->createLabel(u"hardware"_s, u"#336699"_s).value();
        QVERIFY(m_store->attachLabel(m_b, m_label));
        QCOMPARE(storeAll(*m_store, m_store->lastEventSeq().value()).value(), 3);
        QCOMPARE(cached(), (QStringList{u"%1=a"_s.arg(m_a), u"%1=b"_s.arg(m_b), u"%1=c"_s.arg(m_c)}));
    }
    void cleanup() { tearDownBoard(); }

    void shouldForgetTheRowsAChangeMayMakeWrong_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("kept"); // the tickets whose rows stay
        QTest::newRow("a comment on A") << u"comment"_s << u"bc"_s;
        QTest::newRow("A moved") << u"move"_s << u"bc"_s;
        QTest::newRow("A's priority") << u"update"_s << u"bc"_s;
        QTest::newRow("B archived") << u"archive"_s << u"ac"_s;
        QTest::newRow("B deleted") << u"delete"_s << u"ac"_s;
        QTest::newRow("a label on C") << u"tag"_s << u"ab"_s;
        QTest::newRow("a ticket made") << u"create"_s << u"abc"_s;
        QTest::newRow("a column renamed") << u"column"_s << u"abc"_s;
        QTest::newRow("a column added") << u"add column"_s << u"abc"_s;
        QTest::newRow("a label renamed (a card's labels are in name order)") << u"label"_s << u""_s;
        QTest::newRow("the board renamed") << u"board"_s << u"abc"_s;
        QTest::newRow("a member added") << u"member"_s << u"abc"_s;
        QTest::newRow("a label deleted") << u"unlabel"_s << u""_s;
        QTest::newRow("a column deleted") << u"delete column"_s << u""_s;
        QTest::newRow("an escalation target renamed") << u"target"_s << u""_s;
        QTest::newRow("an escalation target removed") << u"untarget"_s << u""_s;
        QTest::newRow("a label recoloured") << u"recolour"_s << u"abc"_s;
        QTest::newRow("the service levels changed") << u"levels"_s << u""_s;
    }

    void shouldForgetTheRowsAChangeMayMakeWrong()
    {
        QFETCH(QString, change);
        QFETCH(QString, kept);
        // GIVEN the three tickets' rows (init), and a column and a target to change
        const qint64 spare = m_store->addColumn(u"Spare"_s, ColumnKind::Doing).value();
        EscalationTarget target;
        target.name = u"Vendor"_s;
        target.kind = EscalationKind::Vendor;
        target.id = m_store->createEscalationTarget(target).value();
        QCOMPARE(cached().size(), 3);

        // WHEN someone changes the board
        if (change == u"comment") {
            QVERIFY(m_store->addComment(m_a, u"Looking"_s));
        } else if (change == u"move") {
            QVERIFY(m_store->moveCard(m_a, m_doing));
        } else if (change == u"update") {
            CardPatch patch;
            patch.priority = Priority::High;
            QVERIFY(m_store->updateCard(m_a, patch));
        } else if (change == u"archive") {
            QVERIFY(m_store->archiveCard(m_b));
        } else if (change == u"delete") {
            QVERIFY(m_store->deleteCard(m_b));
        } else if (change == u"tag") {
            QVERIFY(m_store->attachLabel(m_c, m_label));
        } else if (change == u"create") {
            QVERIFY(newCard(u"Another"_s));
        } else if (change == u"column") {
            QVERIFY(m_store->renameColumn(m_todo, u"Inbox"_s));
        } else if (change == u"add column") {
            QVERIFY(m_store->addColumn(u"Review"_s, ColumnKind::Doing));
        } else if (change == u"label") {
            QVERIFY(m_store->renameLabel(m_label, u"hw"_s));
        } else if (change == u"board") {
            QVERIFY(m_store->renameBoard(u"IT"_s));
        } else if (change == u"member") {
            QVERIFY(m_store->setMember(u"carl"_s, Role::Editor, u"Carl"_s));
        } else if (change == u"unlabel") {
            QVERIFY(m_store->deleteLabel(m_label));
        } else if (change == u"delete column") {
            QVERIFY(m_store->deleteColumn(spare));
        } else if (change == u"target") {
            target.name = u"Vendor (EMEA)"_s;
            QVERIFY(m_store->updateEscalationTarget(target));
        } else if (change == u"untarget") {
            QVERIFY(m_store->deleteEscalationTarget(target.id));
        } else if (change == u"recolour") {
            QVERIFY(m_store->recolorLabel(m_label, u"#993366"_s));
        } else if (change == u"levels") {
            const ServiceLevels levels = m_store->serviceLevels().value();
            QVERIFY(m_store->setServiceLevels(levels.policy, levels.calendar));
        }

        // THEN the rows of the tickets it may have changed are gone, in the change's own transaction
        QStringList expected;
        for (const QChar ticket : kept)
            expected << u"%1=%2"_s.arg(ticket == u'a' ? m_a : ticket == u'b' ? m_b : m_c).arg(ticket);
        QCOMPARE(cached(), expected);
        // AND a deleted ticket is not listed at all
        QCOMPARE(m_store->metricCache().value().size(), change == u"delete" ? 2 : change == u"create" ? 4 : 3);
    }

    void shouldNotWriteBackRowsAChangeMadeStale()
    {
        // GIVEN rows worked out from a read at seq S, the cache emptied meanwhile
        const qint64 seq = m_store->lastEventSeq().value();
        QCOMPARE(rawSql(m_store->path(), {u"DELETE FROM metric_cache"_s}).error, QString());
        // WHEN ben, in a connection of his own, comments on A after S, and the rows are written back
        auto ben = BoardStore::open(m_store->path(), as(u"ben"_s));
        QVERIFY(ben);
        QVERIFY((*ben)->addComment(m_a, u"Found it"_s));
        // THEN A's row, which the comment may have changed, is not written; the others are
        QCOMPARE(storeAll(**ben, seq).value(), 2);
        QCOMPARE(cached(), (QStringList{u"%1=b"_s.arg(m_b), u"%1=c"_s.arg(m_c)}));

        // AND after a board-wide change since S, none is
        QCOMPARE(rawSql(m_store->path(), {u"DELETE FROM metric_cache"_s}).error, QString());
        const ServiceLevels levels = m_store->serviceLevels().value();
        QVERIFY(m_store->setServiceLevels(levels.policy, levels.calendar));
        QCOMPARE(storeAll(**ben, seq).value(), 0);
        QCOMPARE(cached(), QStringList());
        // AND rows read after it are
        QCOMPARE(storeAll(**ben, m_store->lastEventSeq().value()).value(), 3);
    }

    void shouldWriteManyRowsInShortTransactions()
    {
        // GIVEN 4,500 tickets more (imported), as a big board's first read works them out
        QList<ImportedCard> imported(4500);
        for (ImportedCard &each : imported) {
            each.card.title = u"Imported"_s;
            each.card.columnId = m_done;
        }
        const QList<qint64> ids = m_store->importCards(imported).value();
        QList<CachedMetrics> rows;
        for (qint64 id : ids)
            rows << CachedMetrics{id, QByteArray::number(id)};
        // WHEN their rows are written back (in transactions of 2,000 rows)
        QCOMPARE(m_store->storeMetricCache(m_store->lastEventSeq().value(), rows).value(), 4500);
        // THEN every one is kept, each under its own ticket
        QCOMPARE(rawSql(m_store->path(), {u"SELECT count(*), sum(CAST(data AS INTEGER) = card_id) FROM metric_cache"_s})
                         .rows.value(0),
                 (QVariantList{4503, 4500}));
    }

    void shouldNotWriteRowsOfDeletedTickets()
    {
        QCOMPARE(rawSql(m_store->path(), {u"DELETE FROM metric_cache"_s}).error, QString());
        QVERIFY(m_store->deleteCard(m_c));
        QCOMPARE(storeAll(*m_store, m_store->lastEventSeq().value()).value(), 2);
        QCOMPARE(cached(), (QStringList{u"%1=a"_s.arg(m_a), u"%1=b"_s.arg(m_b)}));
    }

    void shouldLetOnlyEditorsAndAdminsWriteRows()
    {
        QCOMPARE(rawSql(m_store->path(), {u"DELETE FROM metric_cache"_s}).error, QString());
        auto vera = BoardStore::open(m_store->path(), as(u"vera"_s));
        QVERIFY(vera);
        const auto refused = storeAll(**vera, m_store->lastEventSeq().value());
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Forbidden);
        QCOMPARE(cached(), QStringList());
        // (the viewer reads them, as everyone does)
        QCOMPARE(storeAll(*m_store, m_store->lastEventSeq().value()).value(), 3);
        QCOMPARE((*vera)->metricCache().value().size(), 3);
        QCOMPARE((*vera)->metricCache().value().constFirst().data, QByteArray("a"));
    }
};

QTEST_GUILESS_MAIN(tst_MetricCache)
#include "tst_metriccache.moc"
