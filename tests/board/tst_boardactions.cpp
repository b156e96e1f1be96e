// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/testsupport.h"
#include "waitforsaves.h"

#include <board/actions/boardactions.h>
#include <board/model/boardmodel.h>
#include <storage/boardstore.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QMimeData>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUuid>

using namespace hb;
using namespace hb::tests;

class tst_BoardActions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<storage::BoardStore> m_store;
    std::unique_ptr<board::BoardModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QUndoStack> m_stack;
    std::unique_ptr<board::BoardActions> m_actions;
    QList<qint64> m_columns;
    QList<qint64> m_cards; ///< A, B, C, D in To-do

    QList<qint64> modelIds(int column) const
    {
        QList<qint64> ids;
        const QModelIndex parent = m_model->index(column, 0);
        for (int row = 0; row < m_model->rowCount(parent); ++row)
            ids << m_model->index(row, 0, parent).data(board::BoardModel::IdRole).toLongLong();
        return ids;
    }

    QList<qint64> storedIds(int column) const
    {
        storage::CardQuery query;
        query.columnId = m_columns.at(column);
        QList<qint64> ids;
        for (const storage::Card &card : m_store->cards(query).value())
            ids << card.id;
        return ids;
    }

    /// Every queued save has landed.
    bool saved() const { return waitForSaves(*m_actions); }

    // The model and the file agree, column by column, once every save has landed.
    void verifyInStep()
    {
        QVERIFY(saved());
        for (int column = 0; column < m_columns.size(); ++column)
            QCOMPARE(modelIds(column), storedIds(column));
    }

private Q_SLOTS:
    void init()
    {
        // One file per test and data row.
        const QString path =
                m_dir.filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(".helpboard"));
        m_store =
                storage::BoardStore::create(path, QStringLiteral("Board"), optionsFor(QStringLiteral("alice"))).value();
        m_columns.clear();
        for (const storage::Column &column : m_store->columns().value())
            m_columns << column.id;
        m_cards.clear();
        for (const QString &title :
             {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"), QStringLiteral("D")}) {
            storage::NewCard card;
            card.columnId = m_columns.at(0);
            card.title = title;
            m_cards << m_store->createCard(card).value();
        }
        m_model = std::make_unique<board::BoardModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m_model->load(*m_store));
        m_stack = std::make_unique<QUndoStack>();
        m_actions = std::make_unique<board::BoardActions>(*m_store, *m_model, *m_stack);
    }

    void cleanup()
    {
        m_actions.reset();
        m_stack.reset();
        m_tester.reset();
        m_model.reset();
        m_store.reset();
    }

    void shouldSaveAMoveAndUndoAndRedoIt()
    {
        const auto [a, b, c, d] = std::tuple(m_cards[0], m_cards[1], m_cards[2], m_cards[3]);
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        // WHEN B goes to Doing
        QVERIFY(m_actions->moveCards({b}, m_columns.at(1), 0));
        QVERIFY(saved());
        // (its data changed too: started, first response, version)
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.last().first().value<QModelIndex>(), m_model->cardIndex(b));
        // THEN the file and the board agree, with one row moved, and one undo step named for it
        QCOMPARE(storedIds(0), (QList<qint64>{a, c, d}));
        QCOMPARE(storedIds(1), QList<qint64>{b});
        verifyInStep();
        QCOMPARE(moved.count(), 1);
        QCOMPARE(m_stack->count(), 1);
        QCOMPARE(m_stack->undoText(), QStringLiteral("Move Card"));
        // WHEN undone, THEN B is back between A and C
        m_stack->undo();
        QVERIFY(saved());
        QCOMPARE(storedIds(0), (QList<qint64>{a, b, c, d}));
        verifyInStep();
        // WHEN redone, THEN it is in Doing again
        m_stack->redo();
        QVERIFY(saved());
        QCOMPARE(storedIds(1), QList<qint64>{b});
        verifyInStep();
    }

    void shouldMoveSeveralCardsTogetherInOrder()
    {
        const auto [a, b, c, d] = std::tuple(m_cards[0], m_cards[1], m_cards[2], m_cards[3]);
        QVERIFY(m_actions->moveCards({b, d}, m_columns.at(2), 0));
        QVERIFY(saved());
        QCOMPARE(storedIds(2), (QList<qint64>{b, d}));
        QCOMPARE(m_stack->undoText(), QStringLiteral("Move 2 Cards"));
        m_stack->undo();
        QVERIFY(saved());
        QCOMPARE(storedIds(0), (QList<qint64>{a, b, c, d}));
        verifyInStep();
    }

    void shouldReorderWithinAColumn_data()
    {
        QTest::addColumn<int>("card");
        QTest::addColumn<int>("before"); ///< index into A..D, or -1 for the end
        QTest::addColumn<QList<int>>("order");
        QTest::newRow("D to the top") << 3 << 0 << QList<int>{3, 0, 1, 2};
        QTest::newRow("A to the end") << 0 << -1 << QList<int>{1, 2, 3, 0};
        QTest::newRow("A before C") << 0 << 2 << QList<int>{1, 0, 2, 3};
        QTest::newRow("C before B") << 2 << 1 << QList<int>{0, 2, 1, 3};
    }

    void shouldReorderWithinAColumn()
    {
        QFETCH(int, card);
        QFETCH(int, before);
        QFETCH(QList<int>, order);
        QVERIFY(m_actions->moveCards({m_cards.at(card)}, m_columns.at(0), before < 0 ? 0 : m_cards.at(before)));
        QVERIFY(saved());
        QList<qint64> expected;
        for (int i : order)
            expected << m_cards.at(i);
        QCOMPARE(storedIds(0), expected);
        verifyInStep();
        m_stack->undo();
        QVERIFY(saved());
        QCOMPARE(storedIds(0), m_cards);
        verifyInStep();
    }

    void shouldSayWhenAnUndoWouldOverwriteSomeoneElsesMove()
    {
        const qint64 b = m_cards[1];
        QVERIFY(m_actions->moveCards({b}, m_columns.at(1), 0));
        QVERIFY(saved());
        // GIVEN a colleague then moves B on to Done
        auto colleague = storage::BoardStore::open(m_store->path(), optionsFor(QStringLiteral("ben"))).value();
        QVERIFY(colleague->moveCard(b, m_columns.at(2)));
        // WHEN I undo my move
        QSignalSpy failed(m_actions.get(), &board::BoardActions::failed);
        std::unique_ptr<QAction> redo(m_stack->createRedoAction(nullptr));
        m_stack->undo();
        QVERIFY(redo->isEnabled());
        QVERIFY(saved());
        // THEN I am told, and their move stands, on the board too
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("moved by someone else")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(m_store->card(b)->columnId, m_columns.at(2));
        QCOMPARE(m_model->cardIndex(b).parent().row(), 2);
        // AND the step is gone: Edit > Redo no longer offers it
        QVERIFY(!m_stack->canRedo());
        QVERIFY(!redo->isEnabled());
    }

    void shouldChangeNoCardWhenOneOfSeveralFailsAndShowTheFile_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("move 3") << QStringLiteral("move");
        QTest::newRow("archive 3") << QStringLiteral("archive");
        QTest::newRow("restore 3") << QStringLiteral("restore");
    }

    void shouldChangeNoCardWhenOneOfSeveralFailsAndShowTheFile()
    {
        QFETCH(QString, action);
        const QList<qint64> three{m_cards[0], m_cards[1], m_cards[2]};
        if (action == QStringLiteral("restore")) {
            QVERIFY(m_store->archiveCards(three));
            QVERIFY(m_model->load(*m_store));
        }
        // GIVEN the file refuses the write of the second card (an SQL trigger standing in for any failure there)
        QCOMPARE(rawSql(m_store->path(), {QStringLiteral("CREATE TRIGGER injected_fault BEFORE UPDATE ON cards "
                                                         "WHEN OLD.id = %1 BEGIN SELECT RAISE(ABORT, 'injected "
                                                         "fault'); END")
                                                  .arg(m_cards[1])})
                         .error,
                 QString());
        const RawResult before = rawSql(m_store->path(), {QStringLiteral("SELECT * FROM cards ORDER BY id")});
        QSignalSpy failed(m_actions.get(), &board::BoardActions::failed);

        // WHEN the window moves, archives or restores the three cards
        if (action == QStringLiteral("move"))
            QVERIFY(m_actions->moveCards(three, m_columns.at(2), 0));
        else if (action == QStringLiteral("archive"))
            QVERIFY(m_actions->archiveCards(three));
        else
            QVERIFY(m_actions->restoreArchived(three, {}));
        QVERIFY(saved());

        // THEN the user is told once, no card changed in the file (not even the first), and nothing is left to undo
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("injected fault")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(rawSql(m_store->path(), {QStringLiteral("SELECT * FROM cards ORDER BY id")}).rows, before.rows);
        QVERIFY(!m_stack->canUndo());
        // AND the window shows the board as the file has it
        verifyInStep();
    }

    void shouldDropCardIdsThroughTheModel()
    {
        const auto [a, b, c, d] = std::tuple(m_cards[0], m_cards[1], m_cards[2], m_cards[3]);
        const QModelIndex todo = m_model->index(0, 0);
        const QModelIndex done = m_model->index(2, 0);
        std::unique_ptr<QMimeData> data(m_model->mimeData({m_model->index(3, 0, todo), m_model->index(1, 0, todo)}));
        QVERIFY(data);
        QVERIFY(data->hasFormat(QStringLiteral("application/x-helpboard-card-ids")));
        // An ignored drop is accepted and does nothing; a foreign payload is refused.
        QVERIFY(m_model->dropMimeData(data.get(), Qt::IgnoreAction, 0, 0, done));
        QMimeData foreign;
        foreign.setText(QStringLiteral("1 2 3"));
        QVERIFY(!m_model->dropMimeData(&foreign, Qt::MoveAction, 0, 0, done));
        QCOMPARE(storedIds(0), m_cards);
        // WHEN dropped at the top of Done, THEN both go there in board order (B, D)
        QVERIFY(m_model->dropMimeData(data.get(), Qt::MoveAction, 0, 0, done));
        QVERIFY(saved());
        QCOMPARE(storedIds(2), (QList<qint64>{b, d}));
        QCOMPARE(storedIds(0), (QList<qint64>{a, c}));
        verifyInStep();
        // WHEN a card in the payload was archived meanwhile, THEN the rest still moves
        QVERIFY(m_store->archiveCard(d));
        m_model->applyCard(m_store->card(d).value());
        QVERIFY(m_model->dropMimeData(data.get(), Qt::MoveAction, -1, 0, todo));
        QVERIFY(saved());
        QCOMPARE(storedIds(0), (QList<qint64>{a, c, b}));
        verifyInStep();
    }

    void shouldRenameACardThroughTheModelWithUndo()
    {
        const qint64 b = m_cards[1];
        const QModelIndex index = m_model->cardIndex(b);
        QVERIFY(index.flags() & Qt::ItemIsEditable);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        // an in-place edit goes through setData, is saved, and shows
        QVERIFY(m_model->setData(index, QStringLiteral("B, renamed"), Qt::EditRole));
        QVERIFY(saved());
        QCOMPARE(m_store->card(b)->title, QStringLiteral("B, renamed"));
        QCOMPARE(m_model->cardIndex(b).data().toString(), QStringLiteral("B, renamed"));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(m_stack->undoText(), QStringLiteral("Rename Card"));
        // an empty title is refused, and nothing is recorded
        QSignalSpy failed(m_actions.get(), &board::BoardActions::failed);
        QVERIFY(!m_model->setData(index, QStringLiteral("   "), Qt::EditRole));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(m_stack->count(), 1);
        // undo and redo
        m_stack->undo();
        QVERIFY(saved());
        QCOMPARE(m_store->card(b)->title, QStringLiteral("B"));
        m_stack->redo();
        QVERIFY(saved());
        QCOMPARE(m_store->card(b)->title, QStringLiteral("B, renamed"));
        // someone else retitles it: my undo says so and leaves their title
        auto colleague = storage::BoardStore::open(m_store->path(), optionsFor(QStringLiteral("ben"))).value();
        storage::CardPatch theirs;
        theirs.title = QStringLiteral("B, as Ben sees it");
        QVERIFY(colleague->updateCard(b, theirs));
        m_stack->undo();
        QVERIFY(saved());
        QCOMPARE(failed.count(), 2);
        QCOMPARE(m_store->card(b)->title, QStringLiteral("B, as Ben sees it"));
        QCOMPARE(m_model->cardIndex(b).data().toString(), QStringLiteral("B, as Ben sees it"));
        // the step that could not be undone is gone, rather than waiting to be redone
        QCOMPARE(m_stack->count(), 0);
    }

    void shouldShapeColumnsAndUndoEachStep()
    {
        QVERIFY(m_actions->canManageColumns());
        const auto names = [this] {
            QStringList result;
            for (const storage::Column &column : m_store->columns().value())
                result << column.name + (column.wipLimit ? QStringLiteral("/%1").arg(column.wipLimit) : QString());
            return result;
        };
        const QStringList start = names();
        // add, rename, limit, move left: each saved, each shown
        qint64 id = 0;
        QVERIFY(m_actions->addColumn(QStringLiteral("Waiting"), [&id](qint64 added) { id = added; }));
        QVERIFY(saved());
        QVERIFY(id);
        QCOMPARE(m_model->columnIndex(id).row(), 3);
        QVERIFY(m_actions->renameColumn(id, QStringLiteral("Waiting on user")));
        QVERIFY(saved());
        QVERIFY(m_actions->setWipLimit(id, 2));
        QVERIFY(saved());
        QVERIFY(m_actions->moveColumn(id, -1));
        QVERIFY(saved());
        QCOMPARE(names(), (QStringList{QStringLiteral("To-do"), QStringLiteral("Doing"),
                                       QStringLiteral("Waiting on user/2"), QStringLiteral("Done")}));
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(m_model->index(2, 0).data().toString(), QStringLiteral("Waiting on user"));
        // a column with cards is not deleted, says why, and leaves no undo step
        QSignalSpy failed(m_actions.get(), &board::BoardActions::failed);
        const int steps = m_stack->count();
        QVERIFY(m_actions->deleteColumn(m_columns.at(0)));
        QVERIFY(saved());
        QCOMPARE(failed.count(), 1);
        QCOMPARE(m_stack->count(), steps);
        QCOMPARE(m_model->rowCount(), 4);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("still holds")),
                 qPrintable(failed.first().first().toString()));
        // an empty one is, and comes back, as the same column, on undo
        QVERIFY(m_actions->deleteColumn(id));
        QVERIFY(saved());
        QCOMPARE(m_model->rowCount(), 3);
        m_stack->undo();
        QVERIFY(saved());
        QCOMPARE(m_model->columnIndex(id).row(), 2);
        // every step undoes back to the start, and redoes to the same column id
        while (m_stack->canUndo()) {
            m_stack->undo();
            QVERIFY(saved());
        }
        QCOMPARE(names(), start);
        m_stack->redo();
        QVERIFY(saved());
        QCOMPARE(m_store->column(id)->name, QStringLiteral("Waiting"));
        QCOMPARE(m_model->rowCount(), 4);
    }

    void shouldSayWhenUndoingAColumnRenameWouldOverwriteSomeoneElses()
    {
        QVERIFY(m_actions->renameColumn(m_columns.at(1), QStringLiteral("In progress")));
        QVERIFY(saved());
        auto colleague = storage::BoardStore::open(m_store->path(), optionsFor(QStringLiteral("alice"))).value();
        QVERIFY(colleague->renameColumn(m_columns.at(1), QStringLiteral("Working on it")));
        QSignalSpy failed(m_actions.get(), &board::BoardActions::failed);
        m_stack->undo();
        QVERIFY(saved());
        QCOMPARE(failed.count(), 1);
        QCOMPARE(m_store->column(m_columns.at(1))->name, QStringLiteral("Working on it"));
    }

    void shouldLeaveColumnsToAdmins()
    {
        auto editor = storage::BoardStore::open(m_store->path(), optionsFor(QStringLiteral("ben"))).value();
        board::BoardModel model;
        QUndoStack stack;
        board::BoardActions actions(*editor, model, stack);
        QVERIFY(!actions.canManageColumns());
        QSignalSpy failed(&actions, &board::BoardActions::failed);
        // the store refuses it (the menu does not even offer it); the step goes away again
        QVERIFY(actions.addColumn(QStringLiteral("Mine")));
        QVERIFY(waitForSaves(actions));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(stack.count(), 0);
        QCOMPARE(editor->columns()->size(), 3);
    }

    void shouldDropOntoACardAsBeforeIt()
    {
        const auto [a, b, c, d] = std::tuple(m_cards[0], m_cards[1], m_cards[2], m_cards[3]);
        const QModelIndex todo = m_model->index(0, 0);
        std::unique_ptr<QMimeData> data(m_model->mimeData({m_model->index(3, 0, todo)}));
        QVERIFY(m_model->dropMimeData(data.get(), Qt::MoveAction, -1, 0, m_model->index(1, 0, todo)));
        QVERIFY(saved());
        QCOMPARE(storedIds(0), (QList<qint64>{a, d, b, c}));
    }

    void shouldShowAMoveAtOnceAndSaveItWhenAColleagueFinishesSaving()
    {
        const auto [a, b, c, d] = std::tuple(m_cards[0], m_cards[1], m_cards[2], m_cards[3]);
        // GIVEN a colleague in the middle of a save
        WriteLock colleague(m_store->path());
        QVERIFY(colleague.isHeld());
        QSignalSpy waiting(m_actions.get(), &board::BoardActions::waitingChanged);
        QSignalSpy saving(m_actions.get(), &board::BoardActions::savingChanged);
        // WHEN I move B to Doing, THEN the board shows it there at once, while the file cannot be written yet
        QVERIFY(m_actions->moveCards({b}, m_columns.at(1), 0));
        QCOMPARE(modelIds(1), QList<qint64>{b});
        QCOMPARE(modelIds(0), (QList<qint64>{a, c, d}));
        QVERIFY(m_actions->isSaving());
        QCOMPARE(saving.count(), 1);
        // the window goes on (this loop runs), and is told the save waits for someone else
        QTRY_COMPARE(waiting.count(), 1);
        QCOMPARE(waiting.first().first().toBool(), true);
        QCOMPARE(storedIds(1), QList<qint64>{});
        QVERIFY(m_actions->isSaving());
        // WHEN they finish, THEN the move is saved, and the waiting is over
        colleague.release();
        QVERIFY(saved());
        QCOMPARE(storedIds(1), QList<qint64>{b});
        verifyInStep();
        QCOMPARE(waiting.last().first().toBool(), false);
        QCOMPARE(saving.last().first().toBool(), false);
        QCOMPARE(m_stack->count(), 1);
    }

    void shouldKeepChangesWhileTheShareStaysBusy()
    {
        // GIVEN a board opened with a short patience, and a colleague who holds the file for longer
        auto impatient = storage::BoardStore::open(m_store->path(), optionsFor(QStringLiteral("alice"), 300)).value();
        board::BoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.load(*impatient));
        QUndoStack stack;
        board::BoardActions actions(*impatient, model, stack);
        QSignalSpy failed(&actions, &board::BoardActions::failed);
        QSignalSpy reachable(&actions, &board::BoardActions::reachableChanged);
        QSignalSpy again(&actions, &board::BoardActions::saveTriedAgain);
        actions.setSaveRetryDelays(50, 100);
        WriteLock colleague(m_store->path());
        QVERIFY(colleague.isHeld());
        // WHEN I archive C and rename D, and undo the rename at once
        QVERIFY(actions.archiveCards({m_cards[2]}));
        QVERIFY(actions.renameCard(m_cards[3], QStringLiteral("D, renamed")));
        stack.undo();
        QVERIFY(!model.cardIndex(m_cards[2]).isValid());
        QCOMPARE(model.cardIndex(m_cards[3]).data().toString(), QStringLiteral("D"));
        // THEN after the wait I am told the file is kept busy; nothing is refused, the board keeps my changes
        QVERIFY(reachable.wait(5000));
        QCOMPARE(reachable.first().at(0).toBool(), false);
        QVERIFY2(reachable.first().at(1).toString().contains(QStringLiteral("busy")),
                 qPrintable(reachable.first().at(1).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(again.count() >= 2, 10'000); // another wait or two, still kept
        QVERIFY(actions.isSaving());
        QVERIFY(actions.isWaitingForTheFile());
        QCOMPARE(failed.count(), 0);
        QVERIFY(!model.cardIndex(m_cards[2]).isValid());
        QCOMPARE(stack.count(), 2);
        // WHEN the colleague is done, THEN all three are saved, in order, and the waiting is over
        colleague.release();
        QVERIFY(waitForSaves(actions));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(reachable.constLast().at(0).toBool(), true);
        QVERIFY(!actions.isWaitingForTheFile());
        QCOMPARE(storedIds(0), (QList<qint64>{m_cards[0], m_cards[1], m_cards[3]}));
        QCOMPARE(m_store->card(m_cards[3])->title, QStringLiteral("D"));
        QCOMPARE(m_store->card(m_cards[3])->version, 3); // renamed and back: two changes, each once
        QCOMPARE(stack.count(), 2);
        QCOMPARE(stack.index(), 1);
    }

    void shouldStopWaitingForABusyFileAtOnceWhenTold()
    {
        // GIVEN a colleague who holds the file, and my change waiting for them (the store would wait 30 s)
        WriteLock colleague(m_store->path());
        QVERIFY(colleague.isHeld());
        QSignalSpy waiting(m_actions.get(), &board::BoardActions::waitingChanged);
        QSignalSpy failed(m_actions.get(), &board::BoardActions::failed);
        QVERIFY(m_actions->renameCard(m_cards[0], QStringLiteral("A, renamed")));
        QVERIFY(waiting.wait(5000));
        // WHEN I stop waiting (the window is closed without saving)
        QElapsedTimer clock;
        clock.start();
        m_actions->stopWaitingForTheFile();
        // THEN the save ends at once, not when the store's patience is up, and says it was not saved
        QVERIFY(waitForSaves(*m_actions, 5000));
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(failed.count(), 1);
        colleague.release();
        QCOMPARE(m_store->card(m_cards[0])->title, QStringLiteral("A"));
    }

    void shouldKeepASaveUntilTheFileIsBack_data()
    {
        QTest::addColumn<bool>("comesBack");
        QTest::addColumn<bool>("openBefore"); ///< the saver had the file open when it went (a moved file)
        QTest::newRow("the file comes back") << true << false;
        QTest::newRow("the file comes back, saver open") << true << true;
        QTest::newRow("the user stops waiting") << false << false;
    }

    void shouldKeepASaveUntilTheFileIsBack()
    {
        QFETCH(bool, comesBack);
        QFETCH(bool, openBefore);
        const qint64 b = m_cards[1];
        if (openBefore) { // a first save opens the saver's connection
            QVERIFY(m_actions->renameCard(m_cards[0], QStringLiteral("A, renamed")));
            QVERIFY(saved());
        }
        // GIVEN the file goes away (a share unmounted, the file moved)
        const QString moved = m_store->path() + QStringLiteral(".away");
        QVERIFY(QFile::rename(m_store->path(), moved));
        QSignalSpy failed(m_actions.get(), &board::BoardActions::failed);
        QSignalSpy reachable(m_actions.get(), &board::BoardActions::reachableChanged);
        QSignalSpy again(m_actions.get(), &board::BoardActions::saveTriedAgain);
        m_actions->setSaveRetryDelays(50, 100);
        // WHEN I move a card
        QVERIFY(m_actions->moveCards({b}, m_columns.at(1), 0));
        QCOMPARE(modelIds(1), QList<qint64>{b});
        // THEN I am told the file cannot be reached; the move stays on the board, waiting, not refused
        QVERIFY(reachable.wait(5000));
        QCOMPARE(reachable.first().at(0).toBool(), false);
        // (a connection already open finds it cannot write any more; then, opening again, that it is not there)
        QVERIFY2(reachable.constLast().at(1).toString().contains(openBefore ? QStringLiteral("cannot be written")
                                                                            : QStringLiteral("no board file")),
                 qPrintable(reachable.constLast().at(1).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(again.count() >= 2, 10'000); // a retry or two later, still waiting
        QVERIFY(m_actions->isSaving());
        QVERIFY(m_actions->isWaitingForTheFile());
        QCOMPARE(failed.count(), 0);
        QCOMPARE(modelIds(1), QList<qint64>{b});
        if (comesBack) {
            // WHEN the file is back, THEN the move is saved, once, and can be undone
            QVERIFY(QFile::rename(moved, m_store->path()));
            QVERIFY(saved());
            QCOMPARE(storedIds(1), QList<qint64>{b});
            QCOMPARE(reachable.constLast().at(0).toBool(), true);
            QVERIFY(!m_actions->isWaitingForTheFile());
            QCOMPARE(failed.count(), 0);
            QCOMPARE(m_stack->count(), openBefore ? 2 : 1);
            return;
        }
        // WHEN I stop waiting (closing the window), THEN I am told it was not saved, at once (the share is not asked
        // again), and the step is gone
        m_actions->stopWaitingForTheFile();
        QVERIFY(waitForSaves(*m_actions, 2000));
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("no board file")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(m_stack->count(), 0);
        QVERIFY(QFile::rename(moved, m_store->path()));
        QCOMPARE(storedIds(1), QList<qint64>());
    }

    void shouldSayTheFileIsBackWhenTheSaveWaitingForItThenConflicts()
    {
        const qint64 b = m_cards[1];
        // GIVEN my edit of a card waits for a file that went away
        const QString moved = m_store->path() + QStringLiteral(".away");
        QVERIFY(QFile::rename(m_store->path(), moved));
        QSignalSpy reachable(m_actions.get(), &board::BoardActions::reachableChanged);
        QSignalSpy conflicted(m_actions.get(), &board::BoardActions::conflicted);
        storage::CardPatch mine;
        mine.title = QStringLiteral("B, mine");
        QVERIFY(m_actions->editCard(b, mine, QStringLiteral("Rename Card")));
        QVERIFY(reachable.wait(5000));
        QVERIFY(m_actions->isWaitingForTheFile());
        // AND meanwhile a colleague, who still reaches it where it is, renames the same card
        {
            auto colleague = storage::BoardStore::open(moved, optionsFor(QStringLiteral("ben"))).value();
            storage::CardPatch theirs;
            theirs.title = QStringLiteral("B, theirs");
            QVERIFY(colleague->updateCard(b, theirs));
        }
        // WHEN the file is back, THEN my save meets theirs: the choice is offered, and the file counts as back
        QVERIFY(QFile::rename(moved, m_store->path()));
        QVERIFY(saved());
        QCOMPARE(conflicted.count(), 1);
        QCOMPARE(reachable.constLast().at(0).toBool(), true);
        QVERIFY(!m_actions->isWaitingForTheFile());
        QCOMPARE(m_store->card(b)->title, QStringLiteral("B, theirs"));
    }

    void shouldKeepShowingTheLatestOfSeveralMovesOnTheirWay()
    {
        const qint64 b = m_cards[1];
        WriteLock colleague(m_store->path());
        // Ctrl+Right twice, quickly: both moves are queued behind the colleague's save
        QVERIFY(m_actions->moveCards({b}, m_columns.at(1), 0));
        QVERIFY(m_actions->moveCards({b}, m_columns.at(2), 0));
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        colleague.release();
        QVERIFY(saved());
        // the first save's result did not pull the card back to Doing on its way
        QCOMPARE(moved.count(), 0);
        QCOMPARE(storedIds(2), QList<qint64>{b});
        verifyInStep();
        QCOMPARE(m_stack->count(), 2);
    }

    void shouldCreateACardAndGiveItsIdOnceSaved()
    {
        qint64 created = -1;
        QVERIFY(m_actions->createCard(m_columns.at(1), QStringLiteral("  New printer  "),
                                      [&created](qint64 id) { created = id; }));
        QVERIFY(saved());
        QVERIFY(created > 0);
        QCOMPARE(m_model->cardIndex(created).data().toString(), QStringLiteral("New printer"));
        verifyInStep();
        // undo removes it from the board and the file; redo brings the same card back
        m_stack->undo();
        QVERIFY(saved());
        QVERIFY(!m_model->cardIndex(created).isValid());
        verifyInStep();
        m_stack->redo();
        QVERIFY(saved());
        QCOMPARE(storedIds(1), QList<qint64>{created});
        verifyInStep();
        // an empty title is refused at once, with nothing queued
        QSignalSpy failed(m_actions.get(), &board::BoardActions::failed);
        QVERIFY(!m_actions->createCard(m_columns.at(1), QStringLiteral(" ")));
        QCOMPARE(failed.count(), 1);
        QVERIFY(!m_actions->isSaving());
    }
};

QTEST_MAIN(tst_BoardActions)
#include "tst_boardactions.moc"
