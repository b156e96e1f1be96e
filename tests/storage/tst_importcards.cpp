// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore::importCards (many cards with their checklists and comments in one change) and
// BoardStore::inOneTransaction (many changes written as one): all or nothing, with each card's history.
#include "boardtestcase.h"

#include <storage/eventkinds.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

namespace {

/// What is wrong with the third of four imported cards.
enum class Fault { NoTitle, UnknownColumn, UnknownAssignee, UnknownAuthor, UnknownLabel, LongComment, EmptyItem };

} // namespace

Q_DECLARE_METATYPE(Fault)

class tst_ImportCards : public BoardTestCase
{
    Q_OBJECT

    ImportedCard ticket(const QString &title, qint64 column) const
    {
        ImportedCard imported;
        imported.card.title = title;
        imported.card.columnId = column;
        return imported;
    }

private Q_SLOTS:
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldImportCardsWithTheirHistoryAfterTheColumnsCards()
    {
        // GIVEN a card already in To-do
        const qint64 existing = newCard(u"Already here"_s);
        const qint64 seq = m_store->lastEventSeq().value();
        // WHEN two cards come in: one made by ben a day ago with a checklist and two comments, one by alice now
        ImportedCard printer = ticket(u"  Printer jams  "_s, m_todo);
        printer.card.description = u"Tray 2"_s;
        printer.card.priority = Priority::High;
        printer.card.assignee = u"Ben"_s;
        printer.card.requester = u"vera"_s;
        printer.createdBy = u"ben"_s;
        printer.createdAt = m_clock - 86'400'000;
        printer.checklist = {{u"Open tray"_s, true}, {u"Clear the roller"_s, false}};
        printer.comments = {{u"vera"_s, m_clock - 80'000'000, u"Still jammed"_s},
                            {u"alice"_s, m_clock - 70'000'000, u"Ordered a roller kit"_s}};
        ImportedCard vpn = ticket(u"VPN drops"_s, m_todo);
        const auto ids = m_store->importCards({printer, vpn});
        // THEN both are there, in their order, after the card that was there
        QVERIFY2(ids, ids ? "" : qPrintable(ids.error().message));
        QCOMPARE(ids->size(), 2);
        CardQuery inTodo;
        inTodo.columnId = m_todo;
        QList<qint64> order;
        for (const Card &card : m_store->cards(inTodo).value())
            order << card.id;
        QCOMPARE(order, (QList<qint64>{existing, ids->at(0), ids->at(1)}));
        // AND the first has its fields, who made it and when, its checklist and comments
        const Card card = m_store->card(ids->at(0)).value();
        QCOMPARE(card.title, u"Printer jams"_s);
        QCOMPARE(card.description, u"Tray 2"_s);
        QCOMPARE(card.priority, Priority::High);
        QCOMPARE(card.assignee, u"ben"_s);
        QCOMPARE(card.createdBy, u"ben"_s);
        QCOMPARE(card.createdAt, m_clock - 86'400'000);
        QCOMPARE(card.checklistTotal, 2);
        QCOMPARE(card.checklistDone, 1);
        QCOMPARE(card.commentCount, 2);
        // the requester's own comment is no response; alice's is the first one
        QCOMPARE(card.firstResponseBy, u"alice"_s);
        QCOMPARE(card.firstResponseAt, m_clock - 70'000'000);
        const QList<ChecklistItem> items = m_store->checklist(card.id).value();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0).text, u"Open tray"_s);
        QVERIFY(items.at(0).done);
        QCOMPARE(items.at(1).text, u"Clear the roller"_s);
        const QList<Comment> comments = m_store->comments(card.id).value();
        QCOMPARE(comments.size(), 2);
        QCOMPARE(comments.at(0).author, u"vera"_s);
        QCOMPARE(comments.at(0).createdAt, m_clock - 80'000'000);
        // AND its history: made by ben, items added and ticked by him, each comment by its author at its time
        QStringList history;
        for (const Event &event : m_store->cardHistory(card.id).value())
            history << event.kind + u' ' + event.actor + u' ' + QString::number(m_clock - event.at);
        QCOMPARE(history, (QStringList{u"card.created ben 86400000"_s, u"checklist.added ben 86400000"_s,
                                       u"checklist.checked ben 86400000"_s, u"checklist.added ben 86400000"_s,
                                       u"comment.added vera 80000000"_s, u"comment.added alice 70000000"_s}));
        // AND the second was made by whoever imported, now
        const Card second = m_store->card(ids->at(1)).value();
        QCOMPARE(second.createdBy, u"alice"_s);
        QCOMPARE(second.createdAt, m_clock);
        // AND it is one operation, and the change feed has every event
        QCOMPARE(eventKinds(*m_store, seq).count(QString(eventkind::CardCreated.toString())), 2);
        const RawResult operations =
                rawSql(m_store->path(), {u"SELECT count(*), max(result) FROM operations WHERE kind = 'card.import'"_s});
        QCOMPARE(operations.rows.value(0).value(0).toInt(), 1);
        QCOMPARE(operations.rows.value(0).value(1).toInt(), 2);
        // AND search finds a card by a comment's and an item's words
        QCOMPARE(m_store->search(u"roller kit"_s).value(), QList<qint64>{card.id});
        QCOMPARE(m_store->search(u"tray"_s).value(), QList<qint64>{card.id});
        QCOMPARE(m_store->verify().value(), QStringList());
    }

    void shouldGiveAStartedOrDoneCardItsResponseAndResolution()
    {
        // WHEN a card is imported into Done
        ImportedCard done = ticket(u"Fixed already"_s, m_done);
        done.createdAt = m_clock - 5000;
        const auto ids = m_store->importCards({done});
        QVERIFY(ids);
        // THEN it was answered and resolved when it was made, as a card created there would be
        const Card card = m_store->card(ids->at(0)).value();
        QCOMPARE(card.firstResponseAt, m_clock - 5000);
        QCOMPARE(card.resolvedAt, m_clock - 5000);
    }

    void shouldTakeTheEarliestCommentAsTheFirstResponse()
    {
        // WHEN the comments come in another order than they were written
        ImportedCard card = ticket(u"Out of order"_s, m_todo);
        card.createdAt = m_clock - 10'000;
        card.comments = {{u"alice"_s, m_clock - 1000, u"Later"_s}, {u"ben"_s, m_clock - 5000, u"Earlier"_s}};
        const auto ids = m_store->importCards({card});
        QVERIFY(ids);
        // THEN the first response is the earliest one, as if they had been added one by one
        const Card imported = m_store->card(ids->at(0)).value();
        QCOMPARE(imported.firstResponseBy, u"ben"_s);
        QCOMPARE(imported.firstResponseAt, m_clock - 5000);
    }

    void shouldLeaveNothingOfAChangeThatFailedInsideATransaction()
    {
        // GIVEN one transaction in which an import fails part-way (its third card is wrong), and the body goes on
        const QString before = fileState();
        QList<ImportedCard> cards{ticket(u"One"_s, m_todo), ticket(u"Two"_s, m_todo), ticket(u"Three"_s, 9999)};
        Status importStatus;
        const Status status = m_store->inOneTransaction([&]() -> Status {
            const auto ids = m_store->importCards(cards);
            importStatus = ids ? Status() : Status(ids.error());
            if (auto id = m_store->createCard(cardInTodo()); !id)
                return id.error();
            return {};
        });
        // THEN the transaction lands with the card made after, and nothing of the failed import
        QVERIFY2(status, qPrintable(describe(status)));
        QVERIFY(!importStatus);
        const QList<Card> all = m_store->cards().value();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.at(0).title, u"Reported by a script"_s);
        QVERIFY(fileState() != before);
        const RawResult imported =
                rawSql(m_store->path(), {u"SELECT count(*) FROM operations WHERE kind = 'card.import'"_s});
        QCOMPARE(imported.rows.value(0).value(0).toInt(), 0);
    }

    void shouldImportNothingWhenOneCardIsWrong_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<QString>("says");
        QTest::newRow("no title") << Fault::NoTitle << u"title"_s;
        QTest::newRow("unknown column") << Fault::UnknownColumn << u"column 9999 does not exist"_s;
        QTest::newRow("unknown assignee") << Fault::UnknownAssignee << u"“mallory” is not a member"_s;
        QTest::newRow("unknown comment author") << Fault::UnknownAuthor << u"comment author “eve”"_s;
        QTest::newRow("unknown label") << Fault::UnknownLabel << u"label 777 does not exist"_s;
        QTest::newRow("comment too long") << Fault::LongComment << u"comment"_s;
        QTest::newRow("empty checklist item") << Fault::EmptyItem << u"checklist item"_s;
    }

    void shouldImportNothingWhenOneCardIsWrong()
    {
        QFETCH(Fault, fault);
        QFETCH(QString, says);
        // GIVEN four cards, the third of them wrong
        QList<ImportedCard> cards;
        for (int i = 1; i <= 4; ++i) {
            ImportedCard card = ticket(u"Ticket %1"_s.arg(i), m_todo);
            card.checklist = {{u"Step"_s, false}};
            card.comments = {{u"ben"_s, 0, u"Looked at it"_s}};
            cards << card;
        }
        ImportedCard &wrong = cards[2];
        switch (fault) {
        case Fault::NoTitle:
            wrong.card.title = u"   "_s;
            break;
        case Fault::UnknownColumn:
            wrong.card.columnId = 9999;
            break;
        case Fault::UnknownAssignee:
            wrong.card.assignee = u"mallory"_s;
            break;
        case Fault::UnknownAuthor:
            wrong.comments.append({u"eve"_s, 0, u"Hi"_s});
            break;
        case Fault::UnknownLabel:
            wrong.card.labelIds = {777};
            break;
        case Fault::LongComment:
            wrong.comments.append({u"ben"_s, 0, QString(100'001, u'x')});
            break;
        case Fault::EmptyItem:
            wrong.checklist.append({u" "_s, false});
            break;
        }
        const QString before = fileState();
        // WHEN they are imported
        const auto ids = m_store->importCards(cards);
        // THEN the error names the third card and what is wrong with it, and nothing of any card is in the file
        QVERIFY(!ids);
        QCOMPARE(ids.error().kind, ErrorKind::Invalid);
        QVERIFY2(ids.error().message.startsWith(u"card 3 (“"_s), qPrintable(ids.error().message));
        QVERIFY2(ids.error().message.contains(says), qPrintable(ids.error().message));
        QCOMPARE(fileState(), before);
    }

    void shouldRefuseAViewersImport()
    {
        auto viewer = BoardStore::open(m_store->path(), as(u"vera"_s));
        QVERIFY(viewer);
        const QString before = fileState(); // after vera's opening, which records that she joined
        const auto ids = (*viewer)->importCards({ticket(u"From a viewer"_s, m_todo)});
        QVERIFY(!ids);
        QCOMPARE(ids.error().kind, ErrorKind::Forbidden);
        QCOMPARE(fileState(), before);
    }

    void shouldWriteManyChangesAsOne_data()
    {
        QTest::addColumn<bool>("failAtTheEnd");
        QTest::newRow("all land") << false;
        QTest::newRow("none land") << true;
    }

    void shouldWriteManyChangesAsOne()
    {
        QFETCH(bool, failAtTheEnd);
        auto colleague = BoardStore::open(m_store->path(), as(u"ben"_s));
        QVERIFY(colleague);
        const QString before = fileState();
        int bodyRuns = 0;
        qint64 seenByColleague = -1;
        // WHEN a card is made, commented, ticked and renamed in one transaction (and, in one row, an error ends it)
        const Status status = m_store->inOneTransaction([&]() -> Status {
            ++bodyRuns;
            auto id = m_store->createCard(cardInTodo());
            if (!id)
                return id.error();
            if (auto comment = m_store->addComment(*id, u"Checked the cable"_s); !comment)
                return comment.error();
            auto item = m_store->addChecklistItem(*id, u"Reboot"_s);
            if (!item)
                return item.error();
            if (auto ticked = m_store->setChecklistItemDone(*item, true); !ticked)
                return ticked;
            CardPatch patch;
            patch.title = u"Renamed"_s;
            if (auto renamed = m_store->updateCard(*id, patch); !renamed)
                return renamed.error();
            // reads inside see what the transaction wrote so far
            if (m_store->card(*id).value().title != u"Renamed"_s)
                return Error{ErrorKind::Invalid, u"the read did not see the rename"_s};
            // a colleague sees none of it yet
            seenByColleague = (*colleague)->cards().value().size();
            if (failAtTheEnd)
                return Error{ErrorKind::Invalid, u"stopped on purpose"_s};
            return {};
        });
        QCOMPARE(bodyRuns, 1);
        QCOMPARE(seenByColleague, 0);
        if (failAtTheEnd) {
            // THEN nothing of it is in the file, and the error is the body's
            QVERIFY(!status);
            QCOMPARE(status.error().message, u"stopped on purpose"_s);
            QCOMPARE(fileState(), before);
            return;
        }
        // THEN all of it is, each change its own operation with its own history
        QVERIFY2(status, qPrintable(describe(status)));
        const QList<Card> cards = (*colleague)->cards().value();
        QCOMPARE(cards.size(), 1);
        QCOMPARE(cards.at(0).title, u"Renamed"_s);
        QCOMPARE(cards.at(0).checklistDone, 1);
        QCOMPARE(cards.at(0).commentCount, 1);
        QStringList kinds;
        for (const Event &event : m_store->cardHistory(cards.at(0).id).value())
            kinds << event.kind;
        QCOMPARE(kinds, (QStringList{u"card.created"_s, u"comment.added"_s, u"checklist.added"_s,
                                     u"checklist.checked"_s, u"card.updated"_s}));
        const RawResult operations =
                rawSql(m_store->path(),
                       {u"SELECT count(DISTINCT op_id) FROM events WHERE card_id = %1"_s.arg(cards.at(0).id)});
        QCOMPARE(operations.rows.value(0).value(0).toInt(), 5);
    }
};

QTEST_GUILESS_MAIN(tst_ImportCards)
#include "tst_importcards.moc"
