// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardtestcase.h"

#include <storage/boardstore.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hb::storage;
using namespace hb::tests;

namespace {

CardPatch titlePatch(const QString &title)
{
    CardPatch patch;
    patch.title = title;
    return patch;
}

QList<qint64> idsIn(BoardStore &store, qint64 columnId)
{
    CardQuery query;
    query.columnId = columnId;
    QList<qint64> ids;
    for (const Card &card : store.cards(query).value())
        ids << card.id;
    return ids;
}

} // namespace

class tst_BoardStore : public hb::tests::BoardTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldManageColumns()
    {
        // add, rename, WIP limit, reorder
        const qint64 review = m_store->addColumn(QStringLiteral("Review"), ColumnKind::Doing, 2).value();
        QVERIFY(m_store->renameColumn(review, QStringLiteral("Waiting on user")));
        QVERIFY(m_store->setColumnWipLimit(review, 5));
        QVERIFY(m_store->moveColumn(review, Placement{m_doing, 0}));
        auto columns = m_store->columns().value();
        QCOMPARE(columns.at(1).id, review);
        QCOMPARE(columns.at(1).name, QStringLiteral("Waiting on user"));
        QCOMPARE(columns.at(1).wipLimit, 5);
        QVERIFY(m_store->moveColumn(review, Placement{0, m_done}));
        QCOMPARE(m_store->columns().value().last().id, review);

        // names are unique regardless of case
        const auto clash = m_store->renameColumn(review, QStringLiteral("to-DO"));
        QVERIFY(!clash);
        QCOMPARE(clash.error().kind, ErrorKind::Invalid);
        QVERIFY(!m_store->setColumnWipLimit(review, -1));

        // delete only when empty
        const qint64 card = newCard(QStringLiteral("Printer"), review);
        const auto refused = m_store->deleteColumn(review);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Invalid);
        QVERIFY2(refused.error().message.contains(QStringLiteral("1 card")), qPrintable(refused.error().message));
        QVERIFY(m_store->moveCard(card, m_todo));
        QVERIFY(m_store->deleteColumn(review));
        QCOMPARE(m_store->columns().value().size(), 3);
    }

    void shouldRefuseDeletingTheLastColumn()
    {
        QVERIFY(m_store->deleteColumn(m_doing));
        QVERIFY(m_store->deleteColumn(m_done));
        const auto refused = m_store->deleteColumn(m_todo);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Invalid);
    }

    void shouldValidateTitles_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("plain") << QStringLiteral("Printer on 3rd floor jams") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("only spaces") << QStringLiteral("   \t ") << false;
        QTest::newRow("500 characters") << QString(500, QLatin1Char('x')) << true;
        QTest::newRow("501 characters") << QString(501, QLatin1Char('x')) << false;
        QTest::newRow("right-to-left") << QStringLiteral("הדפסת מסמך נכשלה") << true;
        QTest::newRow("emoji") << QStringLiteral("VPN down 🔥🔥") << true;
        QTest::newRow("markup stays literal") << QStringLiteral("<b>x</b><img src=y>") << true;
        QTest::newRow("sql stays literal") << QStringLiteral("'); DROP TABLE cards; --") << true;
    }

    void shouldValidateTitles()
    {
        QFETCH(QString, title);
        QFETCH(bool, accepted);
        const qint64 before = m_store->lastEventSeq().value();
        NewCard card;
        card.title = title;
        card.columnId = m_todo;
        const auto id = m_store->createCard(card);
        QCOMPARE(id.ok(), accepted);
        if (accepted) {
            QCOMPARE(m_store->card(*id)->title, title.trimmed());
        } else {
            QCOMPARE(id.error().kind, ErrorKind::Invalid);
            QCOMPARE(m_store->lastEventSeq().value(), before);
            QCOMPARE(m_store->cards()->size(), 0);
        }
    }

    void shouldStoreEveryCardField()
    {
        const qint64 hardware = m_store->createLabel(QStringLiteral("Hardware"), QStringLiteral("#C0392B")).value();
        NewCard card;
        card.columnId = m_todo;
        card.title = QStringLiteral("New-hire laptop");
        card.description = QStringLiteral("Image, accounts, **MFA**");
        card.priority = Priority::High;
        card.status = StatusTag::Blocked;
        card.assignee = QStringLiteral("Ben");
        card.requester = QStringLiteral("Dana (Finance)");
        card.channel = Channel::Portal;
        card.dueAt = m_clock + 3600'000;
        card.labelIds = {hardware};
        const qint64 id = m_store->createCard(card).value();
        const Card stored = m_store->card(id).value();
        QCOMPARE(stored.title, card.title);
        QCOMPARE(stored.description, card.description);
        QCOMPARE(stored.priority, Priority::High);
        QCOMPARE(stored.status, StatusTag::Blocked);
        QCOMPARE(stored.assignee, QStringLiteral("ben"));
        QCOMPARE(stored.requester, card.requester);
        QCOMPARE(stored.channel, Channel::Portal);
        QCOMPARE(stored.dueAt, card.dueAt);
        QCOMPARE(stored.createdAt, m_clock);
        QCOMPARE(stored.createdBy, QStringLiteral("alice"));
        QCOMPARE(stored.version, 1);
        QCOMPARE(stored.labelIds, QList<qint64>{hardware});
        QCOMPARE(m_store->labels()->constFirst().color, QStringLiteral("#c0392b"));

        // an assignee must be a member
        card.assignee = QStringLiteral("nobody");
        const auto refused = m_store->createCard(card);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Invalid);
    }

    void shouldUpdateFieldsAndRecordOldAndNewValues()
    {
        const qint64 id = newCard(QStringLiteral("VPN"));
        CardPatch patch;
        patch.title = QStringLiteral("VPN drops every hour");
        patch.priority = Priority::Critical;
        patch.dueAt = m_clock + 1000;
        patch.assignee = QStringLiteral("ben");
        const qint64 seq = m_store->lastEventSeq().value();
        QCOMPARE(m_store->updateCard(id, patch, 1).value(), 2);
        const Card card = m_store->card(id).value();
        QCOMPARE(card.title, *patch.title);
        QCOMPARE(card.priority, Priority::Critical);
        QCOMPARE(card.assignee, QStringLiteral("ben"));
        const auto events = m_store->eventsSince(seq).value();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().kind, QStringLiteral("card.updated"));
        const QJsonObject changes =
                QJsonDocument::fromJson(events.first().payload).object().value(u"changes").toObject();
        QCOMPARE(changes.value(u"title").toObject().value(u"from").toString(), QStringLiteral("VPN"));
        QCOMPARE(changes.value(u"title").toObject().value(u"to").toString(), *patch.title);
        QCOMPARE(changes.value(u"priority").toObject().value(u"to").toString(), QStringLiteral("critical"));

        // a patch that changes nothing writes nothing
        QCOMPARE(m_store->updateCard(id, patch, 2).value(), 2);
        QCOMPARE(m_store->lastEventSeq().value(), seq + 1);

        // clearing
        CardPatch clear;
        clear.dueAt = 0;
        clear.assignee = QString();
        clear.status = StatusTag::None;
        QVERIFY(m_store->updateCard(id, clear));
        QCOMPARE(m_store->card(id)->dueAt, 0);
        QVERIFY(m_store->card(id)->assignee.isEmpty());
    }

    void shouldMergeDifferentFieldsAndRefuseSameField_data()
    {
        QTest::addColumn<QString>("theirField");
        QTest::addColumn<QString>("myField");
        QTest::addColumn<bool>("conflict");
        QTest::newRow("title vs priority") << QStringLiteral("title") << QStringLiteral("priority") << false;
        QTest::newRow("title vs title") << QStringLiteral("title") << QStringLiteral("title") << true;
        QTest::newRow("assignee vs due") << QStringLiteral("assignee") << QStringLiteral("due") << false;
        QTest::newRow("due vs due") << QStringLiteral("due") << QStringLiteral("due") << true;
        QTest::newRow("move vs title") << QStringLiteral("move") << QStringLiteral("title") << false;
        QTest::newRow("comment vs title") << QStringLiteral("comment") << QStringLiteral("title") << false;
    }

    void shouldMergeDifferentFieldsAndRefuseSameField()
    {
        QFETCH(QString, theirField);
        QFETCH(QString, myField);
        QFETCH(bool, conflict);
        const qint64 id = newCard(QStringLiteral("Original"));
        auto patchFor = [](const QString &field, const QString &who) {
            CardPatch patch;
            if (field == u"title")
                patch.title = who + QStringLiteral("'s title");
            else if (field == u"priority")
                patch.priority = Priority::Low;
            else if (field == u"assignee")
                patch.assignee = QStringLiteral("ben");
            else if (field == u"due")
                patch.dueAt = who == u"me" ? 111'000 : 222'000;
            return patch;
        };
        // GIVEN someone else changed the card after I loaded version 1
        if (theirField == u"move")
            QVERIFY(m_store->moveCard(id, m_doing));
        else if (theirField == u"comment")
            QVERIFY(m_store->addComment(id, QStringLiteral("Looking into it")));
        else
            QVERIFY(m_store->updateCard(id, patchFor(theirField, QStringLiteral("they"))));
        const Card theirs = m_store->card(id).value();
        QVERIFY(theirs.version > 1);

        // WHEN I save my edit against version 1
        const auto result = m_store->updateCard(id, patchFor(myField, QStringLiteral("me")), 1);

        // THEN different fields merge, the same field is a conflict and nothing of mine is written
        QCOMPARE(!result.ok(), conflict);
        const Card after = m_store->card(id).value();
        if (conflict) {
            QCOMPARE(result.error().kind, ErrorKind::Conflict);
            QVERIFY2(result.error().message.contains(myField), qPrintable(result.error().message));
            QCOMPARE(after.version, theirs.version);
            QCOMPARE(after.title, theirs.title);
            QCOMPARE(after.dueAt, theirs.dueAt);
        } else {
            QCOMPARE(after.version, theirs.version + 1);
            QCOMPARE(after.columnId, theirs.columnId);
            QCOMPARE(after.assignee, theirs.assignee);
            if (myField == u"title")
                QCOMPARE(after.title, QStringLiteral("me's title"));
            if (myField == u"priority")
                QCOMPARE(after.priority, Priority::Low);
        }
    }

    void shouldOrderCardsByRankAndMoveOneRow()
    {
        const qint64 a = newCard(QStringLiteral("A"));
        const qint64 b = newCard(QStringLiteral("B"));
        const qint64 c = newCard(QStringLiteral("C"));
        QCOMPARE(idsIn(*m_store, m_todo), (QList<qint64>{a, b, c}));
        QVERIFY(m_store->moveCard(c, m_todo, Placement{a, 0}));
        QCOMPARE(idsIn(*m_store, m_todo), (QList<qint64>{c, a, b}));
        QVERIFY(m_store->moveCard(c, m_todo, Placement{0, a}));
        QCOMPARE(idsIn(*m_store, m_todo), (QList<qint64>{a, c, b}));
        // moving writes only the moved card
        const qint64 versionA = m_store->card(a)->version;
        QVERIFY(m_store->moveCard(b, m_doing));
        QCOMPARE(m_store->card(a)->version, versionA);
        QCOMPARE(idsIn(*m_store, m_doing), QList<qint64>{b});
        // an anchor from another column is refused
        const auto wrong = m_store->moveCard(a, m_todo, Placement{b, 0});
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().kind, ErrorKind::NotFound);
        QVERIFY(!m_store->moveCard(a, m_todo, Placement{a, 0}));
    }

    void shouldRecordHelpDeskTimesWhenMoving()
    {
        const qint64 id = newCard(QStringLiteral("Laptop battery"));
        QCOMPARE(m_store->card(id)->firstResponseAt, 0);
        m_clock += 1000;
        QVERIFY(m_store->moveCard(id, m_doing));
        Card card = m_store->card(id).value();
        QCOMPARE(card.firstResponseAt, m_clock);
        QCOMPARE(card.startedAt, m_clock);
        QCOMPARE(card.resolvedAt, 0);
        m_clock += 1000;
        QVERIFY(m_store->moveCard(id, m_done));
        card = m_store->card(id).value();
        QCOMPARE(card.resolvedAt, m_clock);
        QCOMPARE(card.resolvedBy, QStringLiteral("alice"));
        QCOMPARE(card.firstResponseAt, m_clock - 1000);
        // reopening clears the resolution
        QVERIFY(m_store->moveCard(id, m_doing));
        QCOMPARE(m_store->card(id)->resolvedAt, 0);
    }

    void shouldRecordFirstResponseFromAComment()
    {
        const qint64 id = newCard(QStringLiteral("Password reset"));
        m_clock += 5000;
        QVERIFY(m_store->addComment(id, QStringLiteral("Called back, reset done")));
        QCOMPARE(m_store->card(id)->firstResponseAt, m_clock);
        m_clock += 5000;
        QVERIFY(m_store->addComment(id, QStringLiteral("Second comment")));
        QCOMPARE(m_store->card(id)->firstResponseAt, m_clock - 5000);
    }

    void shouldListOnlyTheArchivedCardsForTheArchive()
    {
        const qint64 archivedId = newCard(QStringLiteral("Old ticket"));
        const qint64 deletedId = newCard(QStringLiteral("Archived, then deleted"));
        newCard(QStringLiteral("Still open"));
        QVERIFY(m_store->archiveCard(archivedId));
        QVERIFY(m_store->archiveCard(deletedId));
        QVERIFY(m_store->deleteCard(deletedId));
        CardQuery archive;
        archive.onlyArchived = true;
        const auto listed = m_store->cards(archive);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->constFirst().id, archivedId);
        archive.includeDeleted = true;
        QCOMPARE(m_store->cards(archive)->size(), 2);
    }

    void shouldArchiveDeleteAndRestoreWithTombstones()
    {
        const qint64 id = newCard(QStringLiteral("Old ticket"));
        QVERIFY(m_store->archiveCard(id));
        QCOMPARE(m_store->cards()->size(), 0);
        CardQuery archived;
        archived.includeArchived = true;
        QCOMPARE(m_store->cards(archived)->size(), 1);
        QVERIFY(m_store->restoreCard(id));
        QCOMPARE(m_store->cards()->size(), 1);

        QVERIFY(m_store->deleteCard(id));
        QCOMPARE(m_store->cards()->size(), 0);
        QVERIFY(m_store->card(id)->deletedAt > 0); // the row is still there for others and for undo
        CardQuery all;
        all.includeDeleted = true;
        QCOMPARE(m_store->cards(all)->size(), 1);
        QCOMPARE(m_store->updateCard(id, titlePatch(QStringLiteral("x"))).error().kind, ErrorKind::NotFound);

        // restoring into a deleted column lands in the first column
        QVERIFY(m_store->moveCard(newCard(QStringLiteral("Keep")), m_todo));
        QVERIFY(m_store->restoreCard(id));
        const qint64 moved = newCard(QStringLiteral("In Doing"), m_doing);
        QVERIFY(m_store->archiveCard(moved));
        QVERIFY(m_store->deleteColumn(m_doing));
        QVERIFY(m_store->restoreCard(moved));
        QCOMPARE(m_store->card(moved)->columnId, m_todo);
        QCOMPARE(idsIn(*m_store, m_todo).last(), moved);
    }

    void shouldPutARestoredCardAfterTheOneThatTookItsPlace()
    {
        // GIVEN B deleted, and C added at the end, which hands C the place B had
        const qint64 a = newCard(QStringLiteral("A"));
        const qint64 b = newCard(QStringLiteral("B"));
        QVERIFY(m_store->deleteCard(b));
        const qint64 c = newCard(QStringLiteral("C"));
        QCOMPARE(m_store->card(c)->rank, m_store->card(b)->rank);
        // WHEN B is restored, THEN it has a place of its own, right after C
        QVERIFY(m_store->restoreCard(b));
        QCOMPARE(idsIn(*m_store, m_todo), (QList<qint64>{a, c, b}));
        QVERIFY(m_store->card(b)->rank > m_store->card(c)->rank);
    }

    void shouldManageLabels()
    {
        const qint64 network = m_store->createLabel(QStringLiteral("Network"), QStringLiteral("#138d75")).value();
        QCOMPARE(m_store->createLabel(QStringLiteral("network"), QStringLiteral("#000000")).error().kind,
                 ErrorKind::Invalid);
        QCOMPARE(m_store->createLabel(QStringLiteral("Bad colour"), QStringLiteral("red")).error().kind,
                 ErrorKind::Invalid);
        const qint64 id = newCard(QStringLiteral("Switch down"));
        QVERIFY(m_store->attachLabel(id, network));
        QVERIFY(m_store->attachLabel(id, network)); // idempotent
        QCOMPARE(m_store->card(id)->labelIds, QList<qint64>{network});
        QVERIFY(m_store->renameLabel(network, QStringLiteral("LAN")));
        QVERIFY(m_store->recolorLabel(network, QStringLiteral("#00FF00")));
        QCOMPARE(m_store->labels()->constFirst().name, QStringLiteral("LAN"));
        QCOMPARE(m_store->labels()->constFirst().color, QStringLiteral("#00ff00"));
        QVERIFY(m_store->detachLabel(id, network));
        QVERIFY(m_store->card(id)->labelIds.isEmpty());
        QVERIFY(m_store->attachLabel(id, network));
        QVERIFY(m_store->deleteLabel(network));
        QVERIFY(m_store->labels()->isEmpty());
        QVERIFY(m_store->card(id)->labelIds.isEmpty());
        QCOMPARE(m_store->attachLabel(id, network).error().kind, ErrorKind::NotFound);
        // undo of a delete: back, on its card too; not while another label has its name
        const qint64 other = m_store->createLabel(QStringLiteral("lan"), QStringLiteral("#123456")).value();
        QCOMPARE(m_store->restoreLabel(network).error().kind, ErrorKind::Invalid);
        QVERIFY(m_store->deleteLabel(other));
        QVERIFY(m_store->restoreLabel(network));
        QCOMPARE(m_store->card(id)->labelIds, QList<qint64>{network});
        QVERIFY(m_store->restoreLabel(network)); // already back: nothing to do
    }

    void shouldManageChecklist()
    {
        const qint64 id = newCard(QStringLiteral("Install Acrobat"));
        const qint64 download = m_store->addChecklistItem(id, QStringLiteral("Download installer")).value();
        const qint64 licence = m_store->addChecklistItem(id, QStringLiteral("Activate licence")).value();
        const qint64 test = m_store->addChecklistItem(id, QStringLiteral("Test")).value();
        const qint64 train = m_store->addChecklistItem(id, QStringLiteral("Train the user")).value();
        QVERIFY(m_store->setChecklistItemDone(download, true));
        QVERIFY(m_store->setChecklistItemDone(licence, true));
        QVERIFY(m_store->setChecklistItemDone(licence, false));
        QVERIFY(m_store->editChecklistItem(test, QStringLiteral("Test with the user's files")));
        QVERIFY(m_store->moveChecklistItem(train, Placement{download, 0}));
        QVERIFY(m_store->deleteChecklistItem(licence));
        QCOMPARE(m_store->addChecklistItem(id, QStringLiteral("  ")).error().kind, ErrorKind::Invalid);

        const auto items = m_store->checklist(id).value();
        QStringList texts;
        for (const ChecklistItem &item : items)
            texts << item.text;
        QCOMPARE(texts, (QStringList{QStringLiteral("Train the user"), QStringLiteral("Download installer"),
                                     QStringLiteral("Test with the user's files")}));
        QVERIFY(items.at(1).done);
        QCOMPARE(items.at(1).doneBy, QStringLiteral("alice"));
        const Card card = m_store->card(id).value();
        QCOMPARE(card.checklistDone, 1);
        QCOMPARE(card.checklistTotal, 3);

        // a deleted item comes back where it was (undo), once
        QVERIFY(m_store->restoreChecklistItem(licence));
        QCOMPARE(m_store->checklist(id)->at(2).text, QStringLiteral("Activate licence"));
        QCOMPARE(m_store->card(id)->checklistTotal, 4);
        QCOMPARE(m_store->restoreChecklistItem(licence).error().kind, ErrorKind::NotFound);
        QCOMPARE(m_store->cardHistory(id)->constLast().kind, QStringLiteral("checklist.restored"));
    }

    void shouldLetOnlyAuthorsEditComments()
    {
        const qint64 id = newCard(QStringLiteral("Monitor flickers"));
        const qint64 mine = m_store->addComment(id, QStringLiteral("Swapped the cable")).value();
        QVERIFY(m_store->editComment(mine, QStringLiteral("Swapped the DisplayPort cable")));
        QVERIFY(m_store->comments(id)->constFirst().editedAt > 0);
        QVERIFY(m_store->setLogin(QStringLiteral("ben")));
        const qint64 his = m_store->addComment(id, QStringLiteral("Still flickers")).value();
        QCOMPARE(m_store->editComment(mine, QStringLiteral("hijack")).error().kind, ErrorKind::Forbidden);
        QCOMPARE(m_store->deleteComment(mine).error().kind, ErrorKind::Forbidden);
        QVERIFY(m_store->setLogin(QStringLiteral("alice")));
        QVERIFY(m_store->deleteComment(his)); // admins may delete any comment
        const auto comments = m_store->comments(id).value();
        QCOMPARE(comments.size(), 1);
        QCOMPARE(comments.first().body, QStringLiteral("Swapped the DisplayPort cable"));
        QCOMPARE(m_store->card(id)->commentCount, 1);
        // a deleted comment comes back (undo): by an admin or its author only, and once
        QVERIFY(m_store->restoreComment(his));
        QCOMPARE(m_store->card(id)->commentCount, 2);
        QCOMPARE(m_store->restoreComment(his).error().kind, ErrorKind::NotFound);
        QVERIFY(m_store->deleteComment(mine));
        QVERIFY(m_store->setLogin(QStringLiteral("ben")));
        QCOMPARE(m_store->restoreComment(mine).error().kind, ErrorKind::Forbidden);
    }

    void shouldRefuseStaleEditsOfNamesAndTexts_data()
    {
        QTest::addColumn<QString>("what");
        QTest::newRow("column name") << QStringLiteral("column");
        QTest::newRow("WIP limit") << QStringLiteral("wip");
        QTest::newRow("label name") << QStringLiteral("label");
        QTest::newRow("label colour") << QStringLiteral("colour");
        QTest::newRow("checklist text") << QStringLiteral("checklist");
        QTest::newRow("comment text") << QStringLiteral("comment");
    }

    void shouldRefuseStaleEditsOfNamesAndTexts()
    {
        QFETCH(QString, what);
        const qint64 card = newCard(QStringLiteral("Card"));
        const qint64 label = m_store->createLabel(QStringLiteral("Net"), QStringLiteral("#123456")).value();
        const qint64 item = m_store->addChecklistItem(card, QStringLiteral("Step")).value();
        const qint64 comment = m_store->addComment(card, QStringLiteral("First")).value();
        // each edit is made twice against version 1: the first wins, the second is a conflict
        auto edit = [&](const QString &value) -> Status {
            if (what == u"column")
                return m_store->renameColumn(m_doing, value, 1);
            if (what == u"wip")
                return m_store->setColumnWipLimit(m_doing, int(value.size()), 1);
            if (what == u"label")
                return m_store->renameLabel(label, value, 1);
            if (what == u"colour")
                return m_store->recolorLabel(
                        label, value.size() > 4 ? QStringLiteral("#aaaaaa") : QStringLiteral("#bbbbbb"), 1);
            if (what == u"checklist")
                return m_store->editChecklistItem(item, value, 1);
            return m_store->editComment(comment, value, 1);
        };
        QVERIFY(edit(QStringLiteral("mine")));
        const qint64 seq = m_store->lastEventSeq().value();
        const Status stale = edit(QStringLiteral("theirs!"));
        QVERIFY(!stale);
        QCOMPARE(stale.error().kind, ErrorKind::Conflict);
        QCOMPARE(m_store->lastEventSeq().value(), seq);
    }

    void shouldKeepChecklistAndCommentsOfDeletedCardsOutOfReach()
    {
        const qint64 card = newCard(QStringLiteral("Gone"));
        const qint64 item = m_store->addChecklistItem(card, QStringLiteral("Step")).value();
        const qint64 comment = m_store->addComment(card, QStringLiteral("Note")).value();
        QVERIFY(m_store->deleteCard(card));
        QCOMPARE(m_store->setChecklistItemDone(item, true).error().kind, ErrorKind::NotFound);
        QCOMPARE(m_store->editComment(comment, QStringLiteral("x")).error().kind, ErrorKind::NotFound);
    }

    void shouldUseAPendingOperationIdForTheNextCallOnly()
    {
        // GIVEN a script's operation id, and a call that fails validation before it writes anything
        const QUuid op = QUuid::createUuid();
        m_store->setNextOperationId(op);
        QCOMPARE(m_store->createLabel(QStringLiteral("Bad"), QStringLiteral("red")).error().kind, ErrorKind::Invalid);
        // THEN the id is not carried over to the next, unrelated change
        const qint64 id = newCard(QStringLiteral("Unrelated"));
        QVERIFY(!m_store->isOperationApplied(op));
        // AND an id used for one kind of change is refused for another
        m_store->setNextOperationId(op);
        QVERIFY(m_store->archiveCard(id));
        m_store->setNextOperationId(op);
        const auto reused = m_store->createCard(cardInTodo());
        QVERIFY(!reused);
        QCOMPARE(reused.error().kind, ErrorKind::Invalid);
    }

    void shouldAppendOneEventPerChangeInTheSameTransaction()
    {
        const qint64 seq = m_store->lastEventSeq().value();
        const qint64 id = newCard(QStringLiteral("Wi-Fi"));
        QVERIFY(m_store->moveCard(id, m_doing));
        QVERIFY(m_store->addComment(id, QStringLiteral("On site")));
        QVERIFY(m_store->addChecklistItem(id, QStringLiteral("Survey")));
        QVERIFY(m_store->archiveCard(id));
        QCOMPARE(eventKinds(*m_store, seq),
                 (QStringList{QStringLiteral("card.created"), QStringLiteral("card.moved"),
                              QStringLiteral("comment.added"), QStringLiteral("checklist.added"),
                              QStringLiteral("card.archived")}));
        // every event has an operation recorded with it, and the card's history is the same list
        const auto events = m_store->eventsSince(seq).value();
        for (const Event &event : events) {
            QVERIFY(!event.opId.isEmpty());
            QVERIFY(m_store->isOperationApplied(QUuid(event.opId)));
            QCOMPARE(event.actor, QStringLiteral("alice"));
            QCOMPARE(event.at, m_clock);
        }
        QCOMPARE(m_store->cardHistory(id)->size(), 5);
        QCOMPARE(m_store->eventsSince(events.at(2).seq)->size(), 2);
        // a refused change appends nothing
        QVERIFY(!m_store->moveCard(id, 999));
        QCOMPARE(m_store->lastEventSeq().value(), events.last().seq);
    }

    void shouldNotApplyAnOperationTwice()
    {
        const QUuid op = QUuid::createUuid();
        m_store->setNextOperationId(op);
        const qint64 first = newCard(QStringLiteral("From monitoring alert"));
        m_store->setNextOperationId(op);
        const qint64 second = newCard(QStringLiteral("From monitoring alert"));
        QCOMPARE(second, first);
        QCOMPARE(m_store->cards()->size(), 1);
        QVERIFY(m_store->isOperationApplied(op));
        QVERIFY(!m_store->isOperationApplied(QUuid::createUuid()));
    }

    void shouldSearchTitlesDescriptionsCommentsAndChecklists_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("titles");
        QTest::newRow("title word") << QStringLiteral("printer") << QStringList{QStringLiteral("Printer jam")};
        QTest::newRow("prefix") << QStringLiteral("prin") << QStringList{QStringLiteral("Printer jam")};
        QTest::newRow("description") << QStringLiteral("toner") << QStringList{QStringLiteral("Printer jam")};
        QTest::newRow("comment") << QStringLiteral("rebooted") << QStringList{QStringLiteral("VPN drops")};
        QTest::newRow("checklist") << QStringLiteral("licence") << QStringList{QStringLiteral("Install Visio")};
        QTest::newRow("two words, both needed")
                << QStringLiteral("vpn rebooted") << QStringList{QStringLiteral("VPN drops")};
        QTest::newRow("no match") << QStringLiteral("xylophone") << QStringList{};
        QTest::newRow("accents folded") << QStringLiteral("cafe") << QStringList{QStringLiteral("Café Wi-Fi")};
        QTest::newRow("fts syntax is literal") << QStringLiteral("\"printer* OR (") << QStringList{};
        QTest::newRow("stray quote is ignored")
                << QStringLiteral("jam\"") << QStringList{QStringLiteral("Printer jam")};
        QTest::newRow("deleted card excluded") << QStringLiteral("obsolete") << QStringList{};
        QTest::newRow("archived card excluded") << QStringLiteral("archived") << QStringList{};
    }

    void shouldSearchTitlesDescriptionsCommentsAndChecklists()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, titles);
        NewCard printer;
        printer.title = QStringLiteral("Printer jam");
        printer.description = QStringLiteral("Toner low as well");
        printer.columnId = m_todo;
        QVERIFY(m_store->createCard(printer));
        QVERIFY(m_store->addComment(newCard(QStringLiteral("VPN drops")), QStringLiteral("Rebooted the firewall")));
        QVERIFY(m_store->addChecklistItem(newCard(QStringLiteral("Install Visio")),
                                          QStringLiteral("Activate licence")));
        newCard(QStringLiteral("Café Wi-Fi"));
        const qint64 deleted = newCard(QStringLiteral("Obsolete request"));
        QVERIFY(m_store->deleteCard(deleted));
        const qint64 archived = newCard(QStringLiteral("Archived request"));
        QVERIFY(m_store->archiveCard(archived));

        const auto hits = m_store->search(query);
        QVERIFY2(hits, hits ? "" : qPrintable(hits.error().message));
        QStringList found;
        for (qint64 id : *hits)
            found << m_store->card(id)->title;
        QCOMPARE(found, titles);

        // The index's own hits: the same live cards, and the deleted or archived ones whose text matched.
        const auto indexed = m_store->searchIndex(query);
        QVERIFY2(indexed, indexed ? "" : qPrintable(indexed.error().message));
        QSet<qint64> live(hits->cbegin(), hits->cend());
        QSet<qint64> indexedIds(indexed->cbegin(), indexed->cend());
        QSet<qint64> gone;
        if (QStringLiteral("obsolete request").startsWith(query))
            gone << deleted;
        if (QStringLiteral("archived request").startsWith(query))
            gone << archived;
        QCOMPARE(indexedIds, live | gone);
    }

    void shouldFindArchivedCardsWhenAsked()
    {
        QVERIFY(m_store->archiveCard(newCard(QStringLiteral("Archived request"))));
        QCOMPARE(m_store->search(QStringLiteral("archived"), true)->size(), 1);
        QCOMPARE(m_store->search(QStringLiteral("archived"), false)->size(), 0);
    }

    void shouldKeepSearchIndexInStepWithEdits()
    {
        const qint64 id = newCard(QStringLiteral("Keyboard broken"));
        const qint64 comment = m_store->addComment(id, QStringLiteral("ordered a replacement")).value();
        QCOMPARE(m_store->search(QStringLiteral("replacement"))->size(), 1);
        QVERIFY(m_store->deleteComment(comment));
        QCOMPARE(m_store->search(QStringLiteral("replacement"))->size(), 0);
        QVERIFY(m_store->updateCard(id, titlePatch(QStringLiteral("Mouse broken"))));
        QCOMPARE(m_store->search(QStringLiteral("keyboard"))->size(), 0);
        QCOMPARE(m_store->search(QStringLiteral("mouse"))->size(), 1);
    }

    void shouldVerifyAndBackUp()
    {
        newCard(QStringLiteral("Something"));
        QCOMPARE(m_store->verify().value(), QStringList());
        const QString backup = m_dir.filePath(QStringLiteral("backup.helpboard"));
        QFile::remove(backup);
        QVERIFY(m_store->backupTo(backup));
        auto copy = BoardStore::open(backup, as(QStringLiteral("alice"))).value();
        QCOMPARE(copy->cards()->size(), 1);
        QCOMPARE(m_store->backupTo(backup).error().kind, ErrorKind::Invalid);
        QCOMPARE(m_store->backupTo(m_dir.filePath(QStringLiteral("missing/x.helpboard"))).error().kind,
                 ErrorKind::NotFound);
    }

    void shouldReconnectToTheFileOnlyWhenItCanBeOpened()
    {
        const qint64 id = newCard(QStringLiteral("Before"));
        const QString path = m_store->path();
        // GIVEN the file replaced under the open store by a copy someone changed (a new file, as a share
        // reconnected may hand out): the store's connection still reads the file it had open
        const QString copy = m_dir.filePath(QStringLiteral("replacement.helpboard"));
        QFile::remove(copy);
        QVERIFY(m_store->backupTo(copy));
        {
            auto other = BoardStore::open(copy, as(QStringLiteral("alice"))).value();
            QVERIFY(other->updateCard(id, titlePatch(QStringLiteral("After"))));
        }
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(copy, path));
        QCOMPARE(m_store->card(id)->title, QStringLiteral("Before"));
        // WHEN it reconnects, THEN it reads the file that is there now, and writes to it
        QVERIFY(m_store->reconnect());
        QCOMPARE(m_store->card(id)->title, QStringLiteral("After"));
        QVERIFY(m_store->updateCard(id, titlePatch(QStringLiteral("Saved after reconnecting"))));
        QCOMPARE(BoardStore::open(path, as(QStringLiteral("bob"))).value()->card(id)->title,
                 QStringLiteral("Saved after reconnecting"));
        // WHEN the file is gone, THEN reconnecting fails and the connection it had still works
        const QString away = path + QStringLiteral(".away");
        QVERIFY(QFile::rename(path, away));
        QCOMPARE(m_store->reconnect().error().kind, ErrorKind::Io);
        QCOMPARE(m_store->card(id)->title, QStringLiteral("Saved after reconnecting"));
        QVERIFY(QFile::rename(away, path));
    }

    void shouldBackUpOnceADayAndKeepTheLastFourteen()
    {
        newCard(QStringLiteral("Worth keeping"));
        const QString folder = m_store->backupFolder();
        QCOMPARE(QFileInfo(folder).absolutePath(), QFileInfo(m_store->path()).absolutePath());
        QDir(folder).removeRecursively();
        QVERIFY(QDir().mkpath(folder));
        const QString base = QFileInfo(m_store->path()).completeBaseName();
        // GIVEN fifteen daily copies of November, one made by hand, and files that are not this board's copies
        auto touch = [&folder](const QString &name) {
            QFile file(QDir(folder).filePath(name));
            return file.open(QIODevice::WriteOnly) && file.write("old") == 3;
        };
        for (int day = 1; day <= 15; ++day)
            QVERIFY(touch(QStringLiteral("%1 2026-11-%2.helpboard").arg(base).arg(day, 2, 10, QLatin1Char('0'))));
        const QStringList others{base + QStringLiteral(" 2026-11-02 10.00.00.helpboard"),
                                 QStringLiteral("Other board 2026-10-01.helpboard"), QStringLiteral("notes.txt")};
        for (const QString &name : others)
            QVERIFY(touch(name));

        // WHEN the board is opened on 2 December
        const auto made = m_store->backUpDaily(QDate(2026, 12, 2));
        QVERIFY2(made, made ? "" : qPrintable(made.error().message));
        // THEN that day's copy is there, a whole board
        QCOMPARE(QFileInfo(*made).fileName(), base + QStringLiteral(" 2026-12-02.helpboard"));
        auto copy = BoardStore::open(*made, as(QStringLiteral("alice"))).value();
        QCOMPARE(copy->cards()->size(), 1);
        QCOMPARE(copy->verify().value(), QStringList());
        copy.reset();
        // AND the fourteen newest daily copies stay, the two oldest went, and nothing else was touched
        QStringList daily;
        // (opening the copy above left its empty TRUNCATE journal beside it)
        for (const QString &name : QDir(folder).entryList({QStringLiteral("*.helpboard")}, QDir::Files, QDir::Name)) {
            if (!others.contains(name))
                daily << name;
        }
        QCOMPARE(daily.size(), 14);
        QCOMPARE(daily.constFirst(), base + QStringLiteral(" 2026-11-03.helpboard"));
        QCOMPARE(daily.constLast(), base + QStringLiteral(" 2026-12-02.helpboard"));
        for (const QString &name : others)
            QVERIFY2(QFile::exists(QDir(folder).filePath(name)), qPrintable(name));

        // WHEN it is opened again that day, THEN the copy is not made again
        const qint64 size = QFileInfo(*made).size();
        const auto again = m_store->backUpDaily(QDate(2026, 12, 2));
        QVERIFY(again);
        QVERIFY(again->isEmpty());
        QCOMPARE(QFileInfo(*made).size(), size);

        // AND a copy made by hand is named by the time, and kept by the daily ones
        const auto now = m_store->backUpNow(QDateTime(QDate(2026, 12, 2), QTime(14, 5, 9)));
        QVERIFY2(now, now ? "" : qPrintable(now.error().message));
        QCOMPARE(QFileInfo(*now).fileName(), base + QStringLiteral(" 2026-12-02 14.05.09.helpboard"));
        QCOMPARE(m_store->backUpNow(QDateTime(QDate(2026, 12, 2), QTime(14, 5, 9))).error().kind, ErrorKind::Invalid);
        QVERIFY(m_store->backUpDaily(QDate(2026, 12, 3)));
        QVERIFY(QFile::exists(*now));
        QVERIFY(!QFile::exists(QDir(folder).filePath(base + QStringLiteral(" 2026-11-03.helpboard"))));
        // nothing half-written is left behind
        QCOMPARE(QDir(folder).entryList({QStringLiteral("*.part-*")}, QDir::Files), QStringList());
    }

    void shouldLeaveOneDailyCopyWhenTwoDesktopsBackUpAtOnce()
    {
        newCard(QStringLiteral("Shared"));
        QDir(m_store->backupFolder()).removeRecursively();
        // GIVEN two connections to the board, as two desktops opening it the same morning
        QList<Result<QString>> results;
        QMutex lock;
        QList<QThread *> desktops;
        for (int i = 0; i < 2; ++i) {
            desktops << QThread::create([&, path = m_store->path()] {
                auto store = BoardStore::open(path, as(QStringLiteral("ben")));
                Result<QString> made = store ? store.value()->backUpDaily(QDate(2026, 12, 2)) : store.error();
                QMutexLocker locked(&lock);
                results << made;
            });
        }
        for (QThread *desktop : desktops)
            desktop->start();
        for (QThread *desktop : desktops) {
            QVERIFY(desktop->wait(30000));
            delete desktop;
        }
        // THEN both succeed, and one copy is there, whole
        QCOMPARE(results.size(), 2);
        int made = 0;
        for (const auto &result : results) {
            QVERIFY2(result, result ? "" : qPrintable(result.error().message));
            made += result->isEmpty() ? 0 : 1;
        }
        // One made it and the other found it there; or, where the file system cannot refuse to replace a file in
        // a rename race, both did and the second, as whole as the first, took its place. Never two files.
        QVERIFY2(made == 1 || made == 2, qPrintable(QString::number(made)));
        const QStringList copies = QDir(m_store->backupFolder()).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(copies.size(), 1);
        QCOMPARE(BoardStore::open(QDir(m_store->backupFolder()).filePath(copies.constFirst()),
                                  as(QStringLiteral("alice")))
                         .value()
                         ->cards()
                         ->size(),
                 1);
    }

    void shouldStoreTimesAsUtcMilliseconds()
    {
        m_clock = 1'767'225'600'123; // 2026-01-01T00:00:00.123Z
        const qint64 id = newCard(QStringLiteral("New year"));
        QCOMPARE(m_store->card(id)->createdAt, m_clock);
        QCOMPARE(m_store->eventsSince(0)->last().at, m_clock);
    }
};

QTEST_GUILESS_MAIN(tst_BoardStore)
#include "tst_boardstore.moc"
