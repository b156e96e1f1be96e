// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore's changes to several cards at once (moveCards, archiveCards, restoreCards): one transaction, all or none.
#include "boardtestcase.h"

#include <QTest>

using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

namespace {

enum class Batch { Move, Archive, Restore };
/// What goes wrong at the second of three cards.
enum class Failure {
    MovedBySomeoneElse, ///< a colleague moved it to another column since the window showed it
    DeletedMeanwhile,   ///< a colleague deleted it
    InjectedFault,      ///< the file refuses the write of its row (an SQL trigger raises an error)
};

} // namespace

Q_DECLARE_METATYPE(Batch)
Q_DECLARE_METATYPE(Failure)
Q_DECLARE_METATYPE(hb::storage::ErrorKind)

class tst_CardBatches : public BoardTestCase
{
    Q_OBJECT

    QList<qint64> idsIn(qint64 column)
    {
        CardQuery query;
        query.columnId = column;
        QList<qint64> ids;
        for (const Card &card : m_store->cards(query).value())
            ids << card.id;
        return ids;
    }

    int operationsOfKind(const QString &kind) const
    {
        const RawResult rows =
                rawSql(m_store->path(), {u"SELECT count(*) FROM operations WHERE kind = '%1'"_s.arg(kind)});
        return rows.rows.value(0).value(0).toInt();
    }

private Q_SLOTS:
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldMoveSeveralCardsInOrderInOneChange()
    {
        // GIVEN three cards in To-do and one in Doing
        const qint64 a = newCard(u"A"_s);
        const qint64 b = newCard(u"B"_s);
        const qint64 c = newCard(u"C"_s);
        const qint64 x = newCard(u"X"_s, m_doing);
        const qint64 seq = m_store->lastEventSeq().value();
        // WHEN A and C are moved before X, checked to be still in To-do
        const Status moved =
                m_store->moveCards({{a, m_doing, Placement{x, 0}, m_todo}, {c, m_doing, Placement{x, 0}, m_todo}});
        // THEN both are there, in their order, before X, in one operation with an event per card
        QVERIFY2(moved, qPrintable(describe(moved)));
        QCOMPARE(idsIn(m_doing), (QList<qint64>{a, c, x}));
        QCOMPARE(idsIn(m_todo), QList<qint64>{b});
        QCOMPARE(eventKinds(*m_store, seq), (QStringList{u"card.moved"_s, u"card.moved"_s}));
        QCOMPARE(operationsOfKind(u"cards.move"_s), 1);
        QVERIFY(m_store->card(a)->firstResponseAt != 0); // the rules of one move apply to each
    }

    void shouldPutACardAtTheEndWhenItsNeighbourHasLeft()
    {
        const qint64 a = newCard(u"A"_s);
        const qint64 x = newCard(u"X"_s, m_doing);
        const qint64 y = newCard(u"Y"_s, m_doing);
        QVERIFY(m_store->moveCard(x, m_done)); // moved away since the window showed it
        QVERIFY(m_store->moveCards({{a, m_doing, Placement{x, 0}, 0}}));
        QCOMPARE(idsIn(m_doing), (QList<qint64>{y, a}));
    }

    void shouldArchiveAndRestoreSeveralCardsInOneChange()
    {
        const qint64 a = newCard(u"A"_s);
        const qint64 b = newCard(u"B"_s);
        const qint64 c = newCard(u"C"_s);
        QVERIFY(m_store->archiveCard(b)); // already archived: left as it is
        QVERIFY(m_store->archiveCards({a, b, c}));
        QVERIFY(idsIn(m_todo).isEmpty());
        QCOMPARE(operationsOfKind(u"cards.archive"_s), 1);
        QVERIFY(m_store->restoreCards({a, b, c}));
        QCOMPARE(idsIn(m_todo), (QList<qint64>{a, b, c}));
        QCOMPARE(operationsOfKind(u"cards.restore"_s), 1);
    }

    void shouldApplyARetriedBatchOnce()
    {
        const qint64 a = newCard(u"A"_s);
        const qint64 b = newCard(u"B"_s);
        const QUuid op = QUuid::createUuid();
        m_store->setNextOperationId(op);
        QVERIFY(m_store->moveCards({{a, m_done, {}, m_todo}, {b, m_done, {}, m_todo}}));
        const QString after = fileState();
        // WHEN the same operation comes again (a retry after a commit whose outcome was unknown)
        m_store->setNextOperationId(op);
        const Status again = m_store->moveCards({{a, m_done, {}, m_todo}, {b, m_done, {}, m_todo}});
        // THEN it is reported done and nothing changes, though the cards are no longer where the batch found them
        QVERIFY2(again, qPrintable(describe(again)));
        QCOMPARE(fileState(), after);
    }

    void shouldRefuseAViewerWithoutChangingAnything()
    {
        const qint64 a = newCard(u"A"_s);
        const QString before = fileState();
        QVERIFY(m_store->setLogin(u"vera"_s));
        const Status moved = m_store->moveCards({{a, m_doing, {}, 0}});
        QVERIFY(!moved);
        QCOMPARE(moved.error().kind, ErrorKind::Forbidden);
        QVERIFY(!m_store->archiveCards({a}));
        QCOMPARE(fileState(), before);
    }

    void shouldChangeNothingWhenACardInTheMiddleFails_data()
    {
        QTest::addColumn<Batch>("batch");
        QTest::addColumn<Failure>("failure");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("move, the second was moved by someone else")
                << Batch::Move << Failure::MovedBySomeoneElse << ErrorKind::Conflict;
        QTest::newRow("move, the second was deleted")
                << Batch::Move << Failure::DeletedMeanwhile << ErrorKind::NotFound;
        QTest::newRow("move, the second's write fails") << Batch::Move << Failure::InjectedFault << ErrorKind::Invalid;
        QTest::newRow("archive, the second was deleted")
                << Batch::Archive << Failure::DeletedMeanwhile << ErrorKind::NotFound;
        QTest::newRow("archive, the second's write fails")
                << Batch::Archive << Failure::InjectedFault << ErrorKind::Invalid;
        QTest::newRow("restore, the second's write fails")
                << Batch::Restore << Failure::InjectedFault << ErrorKind::Invalid;
    }

    void shouldChangeNothingWhenACardInTheMiddleFails()
    {
        QFETCH(Batch, batch);
        QFETCH(Failure, failure);
        QFETCH(ErrorKind, kind);
        // GIVEN three cards in To-do (archived, for a restore)
        const QList<qint64> ids{newCard(u"A"_s), newCard(u"B"_s), newCard(u"C"_s)};
        if (batch == Batch::Restore)
            QVERIFY(m_store->archiveCards(ids));
        // AND the second goes wrong, by a colleague's hand or the file's
        const qint64 second = ids.at(1);
        auto colleague = BoardStore::open(m_store->path(), as(u"ben"_s)).value();
        switch (failure) {
        case Failure::MovedBySomeoneElse:
            QVERIFY(colleague->moveCard(second, m_done));
            break;
        case Failure::DeletedMeanwhile:
            QVERIFY(colleague->deleteCard(second));
            break;
        case Failure::InjectedFault:
            QCOMPARE(rawSql(m_store->path(), {u"CREATE TRIGGER injected_fault BEFORE UPDATE ON cards WHEN OLD.id = %1 "
                                              u"BEGIN SELECT RAISE(ABORT, 'injected fault'); END"_s.arg(second)})
                             .error,
                     QString());
            break;
        }
        const QString before = fileState();

        // WHEN the window's batch of the three runs
        Status status;
        switch (batch) {
        case Batch::Move: {
            QList<CardMove> moves;
            for (qint64 id : ids)
                moves << CardMove{id, m_doing, {}, m_todo};
            status = m_store->moveCards(moves);
            break;
        }
        case Batch::Archive:
            status = m_store->archiveCards(ids);
            break;
        case Batch::Restore:
            status = m_store->restoreCards(ids);
            break;
        }

        // THEN it fails with the second card's reason, and the file is as it was: not even the first card changed
        QVERIFY2(!status, "the batch went through");
        QCOMPARE(status.error().kind, kind);
        if (failure == Failure::MovedBySomeoneElse)
            QVERIFY2(status.error().message.contains(u"“B” was moved by someone else"_s),
                     qPrintable(status.error().message));
        QCOMPARE(fileState(), before);
        // AND the store goes on working
        QCOMPARE(rawSql(m_store->path(), {u"DROP TRIGGER IF EXISTS injected_fault"_s}).error, QString());
        QVERIFY(m_store->renameBoard(u"Still writable"_s));
    }
};

QTEST_GUILESS_MAIN(tst_CardBatches)
#include "tst_cardbatches.moc"
