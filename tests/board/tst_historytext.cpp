// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/testsupport.h"

#include <board/rules/historytext.h>
#include <storage/boardstore.h>

#include <QTemporaryDir>
#include <QTest>

using namespace hb;

class tst_HistoryText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldTellACardsStoryInOrder()
    {
        QTemporaryDir dir;
        auto store = storage::BoardStore::create(dir.filePath(QStringLiteral("b.helpboard")), QStringLiteral("Board"),
                                                 tests::optionsFor(QStringLiteral("alice")))
                             .value();
        const QList<storage::Column> columns = store->columns().value();
        // GIVEN a scripted life of one card
        storage::NewCard fresh;
        fresh.columnId = columns.at(0).id;
        fresh.title = QStringLiteral("Printer jam");
        const qint64 id = store->createCard(fresh).value();
        QVERIFY(store->moveCard(id, columns.at(1).id));
        storage::CardPatch patch;
        patch.title = QStringLiteral("Printer jams on floor 3");
        patch.priority = storage::Priority::High;
        QVERIFY(store->updateCard(id, patch));
        storage::CardPatch status;
        status.status = storage::StatusTag::NeedsReview;
        QVERIFY(store->updateCard(id, status));
        const qint64 item = store->addChecklistItem(id, QStringLiteral("Clear the tray")).value();
        QVERIFY(store->setChecklistItemDone(item, true));
        const QList<storage::ChecklistTemplate> templates = store->checklistTemplates().value();
        QVERIFY(store->applyChecklistTemplate(id, templates.last().id));
        QVERIFY(store->addComment(id, QStringLiteral("Done, <b>it works</b>")));
        const qint64 label = store->createLabel(QStringLiteral("Hardware"), QStringLiteral("#c0392b")).value();
        QVERIFY(store->attachLabel(id, label));
        const QString manual = dir.filePath(QStringLiteral("manual.txt"));
        QVERIFY(tests::writeFile(manual, QByteArrayLiteral("Open tray 2, pull the lever.")));
        QVERIFY(store->addAttachment(id, manual));
        QVERIFY(store->moveCard(id, columns.at(2).id));
        QVERIFY(store->archiveCard(id));

        // THEN the history reads, oldest first
        QStringList lines;
        for (const storage::Event &event : store->cardHistory(id).value())
            lines << event.actor + QStringLiteral(": ") + board::describeEvent(event);
        const QStringList expected{
                QStringLiteral("alice: created it in To-do"),
                QStringLiteral("alice: moved it from To-do to Doing"),
                QStringLiteral("alice: changed the priority from Normal to High; renamed it from “Printer jam” to "
                               "“Printer jams on floor 3”"),
                QStringLiteral("alice: changed the status from None to Needs review"),
                QStringLiteral("alice: added “Clear the tray” to the checklist"),
                QStringLiteral("alice: ticked “Clear the tray”"),
                QStringLiteral("alice: added the checklist template “Software install” (5 items)"),
                QStringLiteral("alice: commented: “Done, <b>it works</b>”"),
                QStringLiteral("alice: added the label Hardware"),
                QStringLiteral("alice: attached “manual.txt”"),
                QStringLiteral("alice: moved it from Doing to Done"),
                QStringLiteral("alice: archived it"),
        };
        QCOMPARE(lines, expected);
    }

    void shouldNameValuesAsTheBoardDoes_data()
    {
        QTest::addColumn<QByteArray>("changes");
        QTest::addColumn<QString>("text");
        QTest::newRow("priority") << QByteArray(R"({"priority": {"from": "low", "to": "critical"}})")
                                  << QStringLiteral("changed the priority from Low to Critical");
        QTest::newRow("status") << QByteArray(R"({"status": {"from": "in-progress", "to": ""}})")
                                << QStringLiteral("changed the status from In progress to None");
        QTest::newRow("channel") << QByteArray(R"({"channel": {"from": "", "to": "walk-in"}})")
                                 << QStringLiteral("changed the channel from Not recorded to Walk-in");
        // A value from a newer HelpBoard, which this one does not know, is still read.
        QTest::newRow("unknown value") << QByteArray(R"({"channel": {"from": "email", "to": "carrier-pigeon"}})")
                                       << QStringLiteral("changed the channel from Email to carrier pigeon");
    }

    void shouldNameValuesAsTheBoardDoes()
    {
        QFETCH(QByteArray, changes);
        QFETCH(QString, text);
        storage::Event event;
        event.kind = QStringLiteral("card.updated");
        event.payload = QByteArrayLiteral(R"({"changes": )") + changes + '}';
        QCOMPARE(board::describeEvent(event), text);
    }

    void shouldNamePeopleAsTheBoardDoes()
    {
        storage::Event event;
        event.kind = QStringLiteral("card.updated");
        event.payload = QByteArrayLiteral(R"({"changes": {"assignee": {"from": "ben", "to": "dev"}}})");
        const auto nameOf = [](const QString &login) {
            return login == u"dev" ? QStringLiteral("Dev Patel") : QStringLiteral("Ben Okafor");
        };
        QCOMPARE(board::describeEvent(event, nameOf), QStringLiteral("assigned it to Dev Patel"));
        QCOMPARE(board::describeEvent(event), QStringLiteral("assigned it to dev")); // by login without names
        event.payload = QByteArrayLiteral(R"({"changes": {"assignee": {"from": "ben", "to": ""}}})");
        QCOMPARE(board::describeEvent(event, nameOf), QStringLiteral("unassigned it from Ben Okafor"));
    }

    void shouldNameKindsItDoesNotKnow()
    {
        storage::Event event;
        event.kind = QStringLiteral("card.teleported");
        event.payload = QByteArrayLiteral("{}");
        QCOMPARE(board::describeEvent(event), QStringLiteral("card.teleported"));
    }
};

QTEST_MAIN(tst_HistoryText)
#include "tst_historytext.moc"
