// SPDX-License-Identifier: GPL-3.0-or-later
// Members and roles: who may change what, joining, removing, and the one login rule.
#include "boardtestcase.h"

#include <storage/boardstore.h>

#include <QTest>

using namespace hb::storage;
using namespace hb::tests;

class tst_Members : public BoardTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldSayWhoHasTheBoardOpen()
    {
        m_clock = 1'000'000;
        auto ben = BoardStore::open(m_store->path(), as(QStringLiteral("ben"))).value();
        auto vera = BoardStore::open(m_store->path(), as(QStringLiteral("vera"))).value();
        ben->setClock([this] { return m_clock; });
        vera->setClock([this] { return m_clock; });
        const qint64 card = newCard(QStringLiteral("Printer jam"));
        // alice has the board open; ben has a card open; vera, a viewer, is here too (looking is not a change)
        QVERIFY(m_store->beatPresence(QStringLiteral("alice-1"), 0));
        QVERIFY(ben->beatPresence(QStringLiteral("ben-1"), card));
        QVERIFY(vera->beatPresence(QStringLiteral("vera-1"), 0));
        const auto logins = [this](qint64 within) {
            QStringList seen;
            for (const Presence &present : m_store->presence(within).value())
                seen << present.login + (present.cardId ? QStringLiteral("@%1").arg(present.cardId) : QString());
            return seen;
        };
        QCOMPARE(logins(45'000),
                 (QStringList{QStringLiteral("alice"), QStringLiteral("ben@%1").arg(card), QStringLiteral("vera")}));
        // heartbeats change nothing on the board: no event, no new version
        const qint64 lastSeq = m_store->lastEventSeq().value();
        QVERIFY(ben->beatPresence(QStringLiteral("ben-1"), 0));
        QCOMPARE(m_store->lastEventSeq().value(), lastSeq);
        // a window not heard from for a while drops out; one that closes goes at once
        m_clock += 30'000;
        QVERIFY(ben->beatPresence(QStringLiteral("ben-1"), 0));
        QVERIFY(vera->leavePresence(QStringLiteral("vera-1")));
        QCOMPARE(logins(20'000), QStringList{QStringLiteral("ben")});
        // rows long stale are cleared by the next heartbeat (a crashed window leaves one behind)
        m_clock += 25 * 3600'000;
        QVERIFY(vera->beatPresence(QStringLiteral("vera-2"), 0));
        QCOMPARE(logins(48 * 3600'000), QStringList{QStringLiteral("vera")});
    }

    void shouldNotSayAnythingFromAReadOnlyBoard()
    {
        // GIVEN a board another program switched to WAL, which opens read-only
        const QString path = m_store->path();
        tearDownBoard();
        QVERIFY(rawSql(path, {QStringLiteral("PRAGMA journal_mode = WAL")}).error.isEmpty());
        auto store = BoardStore::open(path, as(QStringLiteral("alice"))).value();
        QVERIFY(store->isReadOnly());
        // THEN this window does not say it is here, and still sees who else is
        QCOMPARE(store->beatPresence(QStringLiteral("alice-1"), 0).error().kind, ErrorKind::ReadOnly);
        QVERIFY(store->presence(45'000));
    }

    void shouldEnforceRoles_data()
    {
        QTest::addColumn<QString>("login");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("allowed");
        const QStringList actions{QStringLiteral("card"),   QStringLiteral("comment"), QStringLiteral("label"),
                                  QStringLiteral("column"), QStringLiteral("member"),  QStringLiteral("setting")};
        const QList<QPair<QString, int>> roles{
                {QStringLiteral("alice"), 6}, {QStringLiteral("ben"), 3}, {QStringLiteral("vera"), 0}};
        for (const auto &[login, allowedCount] : roles) {
            for (int i = 0; i < actions.size(); ++i)
                QTest::addRow("%s %s", qPrintable(login), qPrintable(actions.at(i)))
                        << login << actions.at(i) << (i < allowedCount);
        }
    }

    void shouldEnforceRoles()
    {
        QFETCH(QString, login);
        QFETCH(QString, action);
        QFETCH(bool, allowed);
        const qint64 card = newCard(QStringLiteral("Existing"));
        auto other = BoardStore::open(m_store->path(), as(login)).value();
        const qint64 seq = m_store->lastEventSeq().value();
        Status status;
        if (action == u"card") {
            NewCard newCard;
            newCard.title = QStringLiteral("x");
            newCard.columnId = m_todo;
            auto result = other->createCard(newCard);
            status = result ? Status() : Status(result.error());
        } else if (action == u"comment") {
            auto result = other->addComment(card, QStringLiteral("hello"));
            status = result ? Status() : Status(result.error());
        } else if (action == u"label") {
            auto result = other->createLabel(QStringLiteral("L"), QStringLiteral("#123456"));
            status = result ? Status() : Status(result.error());
        } else if (action == u"column") {
            auto result = other->addColumn(QStringLiteral("New"), ColumnKind::Doing);
            status = result ? Status() : Status(result.error());
        } else if (action == u"member") {
            status = other->setMember(QStringLiteral("newbie"), Role::Editor);
        } else {
            status = other->setSetting(QStringLiteral("default_role"), QStringLiteral("viewer"));
        }
        QCOMPARE(status.ok(), allowed);
        if (!allowed) {
            QCOMPARE(status.error().kind, ErrorKind::Forbidden);
            QCOMPARE(m_store->lastEventSeq().value(), seq); // nothing written
        }
    }

    void shouldLetUnknownLoginsJoinWithTheDefaultRole()
    {
        auto editor = BoardStore::open(m_store->path(), as(QStringLiteral("newcomer"))).value();
        QCOMPARE(editor->role(), Role::Editor);
        QVERIFY(m_store->setSetting(QStringLiteral("default_role"), QStringLiteral("viewer")));
        auto viewer = BoardStore::open(m_store->path(), as(QStringLiteral("stranger"))).value();
        QCOMPARE(viewer->role(), Role::Viewer);
        QCOMPARE(m_store->setSetting(QStringLiteral("default_role"), QStringLiteral("admin")).error().kind,
                 ErrorKind::Invalid);
        QCOMPARE(m_store->setSetting(QStringLiteral("colour"), QStringLiteral("x")).error().kind, ErrorKind::Invalid);
    }

    void shouldJoinUnknownLoginsOnlyWithTheirFirstChange()
    {
        // GIVEN someone (or a script with a mistyped --as) opens the board and only reads
        const qint64 seq = m_store->lastEventSeq().value();
        auto reader = BoardStore::open(m_store->path(), as(QStringLiteral("typo"))).value();
        QVERIFY(reader->cards());
        // THEN they are not added as a member and nothing is written
        QCOMPARE(m_store->members()->size(), 3);
        QCOMPARE(m_store->lastEventSeq().value(), seq);
        // WHEN they change something, THEN they join in that same change
        QVERIFY(reader->createCard(cardInTodo()));
        const auto kinds = eventKinds(*m_store, seq);
        QCOMPARE(kinds, (QStringList{QStringLiteral("member.joined"), QStringLiteral("card.created")}));
        const auto events = m_store->eventsSince(seq).value();
        QCOMPARE(events.at(0).opId, events.at(1).opId);
        QCOMPARE(m_store->members()->size(), 4);
        // and only once
        QVERIFY(reader->createCard(cardInTodo()));
        QCOMPARE(eventKinds(*m_store, seq).count(QStringLiteral("member.joined")), 1);
    }

    void shouldCheckRolesAgainstTheFileNotTheOpeningMoment()
    {
        // GIVEN Ben has the board open as an editor
        auto ben = BoardStore::open(m_store->path(), as(QStringLiteral("ben"))).value();
        QVERIFY(ben->createCard(cardInTodo()));
        // WHEN an admin makes him a viewer, THEN his open board refuses his next change
        QVERIFY(m_store->setMember(QStringLiteral("ben"), Role::Viewer));
        QCOMPARE(ben->createCard(cardInTodo()).error().kind, ErrorKind::Forbidden);
        QCOMPARE(ben->role(), Role::Viewer);
        // and promoting him takes effect the same way
        QVERIFY(m_store->setMember(QStringLiteral("ben"), Role::Editor));
        QVERIFY(ben->createCard(cardInTodo()));
    }

    void shouldNotLetARemovedMemberRejoin()
    {
        QVERIFY(m_store->removeMember(QStringLiteral("ben")));
        auto ben = BoardStore::open(m_store->path(), as(QStringLiteral("ben"))).value();
        QCOMPARE(ben->role(), Role::Viewer);
        QCOMPARE(ben->createCard(cardInTodo()).error().kind, ErrorKind::Forbidden);
        QCOMPARE(m_store->members()->size(), 2);
        // only an admin brings them back
        QVERIFY(m_store->setMember(QStringLiteral("ben"), Role::Editor));
        QVERIFY(ben->createCard(cardInTodo()));
    }

    void shouldUseOneLoginRule_data()
    {
        QTest::addColumn<QString>("login");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("dana") << true;
        QTest::newRow("upper case is folded") << QStringLiteral("Dana") << true;
        QTest::newRow("space inside") << QStringLiteral("dana smith") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("65 characters") << QString(65, QLatin1Char('d')) << false;
    }

    void shouldUseOneLoginRule()
    {
        QFETCH(QString, login);
        QFETCH(bool, valid);
        QCOMPARE(m_store->setMember(login, Role::Editor).ok(), valid);
        if (!login.isEmpty()) // an empty --as means "my OS login"
            QCOMPARE(BoardStore::open(m_store->path(), as(login)).ok(), valid);
    }

    void shouldKeepAtLeastOneAdmin()
    {
        QCOMPARE(m_store->setMember(QStringLiteral("alice"), Role::Editor).error().kind, ErrorKind::Invalid);
        QCOMPARE(m_store->removeMember(QStringLiteral("alice")).error().kind, ErrorKind::Invalid);
        QVERIFY(m_store->setMember(QStringLiteral("ben"), Role::Admin));
        QVERIFY(m_store->setMember(QStringLiteral("alice"), Role::Editor));
        QCOMPARE(m_store->role(), Role::Editor);
        QCOMPARE(m_store->removeMember(QStringLiteral("nobody")).error().kind, ErrorKind::Forbidden);
    }

    void shouldCreateBoardWithDefaultColumnsAndCreatorAsAdmin()
    {
        QCOMPARE(m_store->role(), Role::Admin);
        QCOMPARE(m_store->boardName().value(), QStringLiteral("Test board"));
        const auto columns = m_store->columns().value();
        QCOMPARE(columns.size(), 3);
        QCOMPARE(columns.at(0).kind, ColumnKind::Todo);
        QCOMPARE(columns.at(1).kind, ColumnKind::Doing);
        QCOMPARE(columns.at(2).kind, ColumnKind::Done);
        const auto members = m_store->members().value();
        QCOMPARE(members.size(), 3);
        QCOMPARE(members.at(0).login, QStringLiteral("alice"));
        QCOMPARE(members.at(0).role, Role::Admin);
    }
};

QTEST_GUILESS_MAIN(tst_Members)
#include "tst_members.moc"
