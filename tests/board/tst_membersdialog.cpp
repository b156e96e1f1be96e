// SPDX-License-Identifier: GPL-3.0-or-later
// The Members dialog, driven with the mouse and keys: an admin adds, changes and removes members and sets the
// role others join with; the last admin stays one; anyone else only looks.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <board/model/membermodel.h>
#include <board/widgets/dialogs/membersdialog.h>
#include <storage/boardstore.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace hb;

class tst_MembersDialog : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<app::MainWindow> m_window;

    board::MembersDialog *openMembers() const
    {
        auto *show = m_window->findChild<QAction *>(QStringLiteral("showMembers"));
        if (!show)
            return nullptr;
        show->trigger();
        return m_window->findChild<board::MembersDialog *>(QStringLiteral("membersDialog"));
    }

    std::optional<storage::Member> stored(const QString &login) const
    {
        for (const storage::Member &member : storeAs()->members().value()) {
            if (member.login == login)
                return member;
        }
        return std::nullopt;
    }

    /// Picks entry @p index of @p box as a person does, with the arrow keys from where it is (so "activated" fires
    /// at each step, and only the last one is saved).
    static void chooseEntry(QComboBox *box, int index)
    {
        box->setFocus();
        while (box->currentIndex() < index)
            QTest::keyClick(box, Qt::Key_Down);
        while (box->currentIndex() > index)
            QTest::keyClick(box, Qt::Key_Up);
    }

    static void choose(QComboBox *box, storage::Role role) { chooseEntry(box, box->findData(int(role))); }

    static void selectRow(QTableView *table, int row)
    {
        const QRect cell = table->visualRect(table->model()->index(row, board::MemberModel::NameColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void cleanup() { m_window.reset(); }

    void shouldListMembersInAModelThatHoldsUp()
    {
        board::MemberModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMembers(storeAs()->members().value());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), 3);
        // by name, with the role in words
        QCOMPARE(model.index(0, board::MemberModel::NameColumn).data().toString(), QStringLiteral("Alice Martin"));
        QCOMPARE(model.index(0, board::MemberModel::RoleColumn).data().toString(), QStringLiteral("Admin"));
        QCOMPARE(model.rowOf(QStringLiteral("margaret")), 4);
        QCOMPARE(model.rowOf(QStringLiteral("nobody")), -1);
    }

    void shouldLetAnAdminAddChangeAndRemoveMembers()
    {
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        auto *dialog = openMembers();
        QVERIFY(dialog && dialog->isVisible());
        auto *table = dialog->findChild<QTableView *>(QStringLiteral("membersTable"));
        QCOMPARE(table->model()->rowCount(), 5);

        // WHEN a login and a name are typed, Viewer picked and Enter pressed
        auto *login = dialog->findChild<QLineEdit *>(QStringLiteral("newMemberLogin"));
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("newMemberName"));
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("addMember"))->isEnabled()); // nothing typed yet
        QTest::keyClicks(login, QStringLiteral("omar"));
        QTest::keyClicks(name, QStringLiteral("Omar <b>Haddad</b>"));
        choose(dialog->findChild<QComboBox *>(QStringLiteral("newMemberRole")), storage::Role::Viewer);
        name->setFocus();
        QTest::keyClick(name, Qt::Key_Return);
        // THEN the board has a new viewer, named as typed, and the table shows and selects them
        QVERIFY(saved(*m_window));
        QTRY_VERIFY(stored(QStringLiteral("omar")).has_value());
        QCOMPARE(stored(QStringLiteral("omar"))->role, storage::Role::Viewer);
        QCOMPARE(stored(QStringLiteral("omar"))->displayName, QStringLiteral("Omar <b>Haddad</b>"));
        QTRY_COMPARE(table->model()->rowCount(), 6);
        QCOMPARE(table->currentIndex().data(board::MemberModel::LoginRole).toString(), QStringLiteral("omar"));
        QVERIFY(login->text().isEmpty());

        // WHEN their role is stepped through with the arrows, up to Admin and back to Editor
        auto *role = dialog->findChild<QComboBox *>(QStringLiteral("memberRole"));
        const qint64 seq = storeAs()->lastEventSeq().value();
        choose(role, storage::Role::Admin);
        choose(role, storage::Role::Editor);
        // THEN they are an editor, and were never an admin on the way: one change is saved, where the arrows stopped
        QTRY_COMPARE(stored(QStringLiteral("omar"))->role, storage::Role::Editor);
        QVERIFY(saved(*m_window));
        int changes = 0;
        for (const storage::Event &event : storeAs()->eventsSince(seq).value())
            changes += event.kind.startsWith(u"member.") ? 1 : 0;
        QCOMPARE(changes, 1);

        // WHEN they are removed with Delete
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Delete);
        QVERIFY(saved(*m_window));
        QTRY_VERIFY(!stored(QStringLiteral("omar")).has_value());
        QTRY_COMPARE(table->model()->rowCount(), 5);
    }

    void shouldKeepTheLastAdminAnAdmin()
    {
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        auto *dialog = openMembers();
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableView *>(QStringLiteral("membersTable"));
        auto *model = qobject_cast<board::MemberModel *>(table->model());
        selectRow(table, model->rowOf(QStringLiteral("alice")));
        auto *role = dialog->findChild<QComboBox *>(QStringLiteral("memberRole"));
        QCOMPARE(role->currentData().toInt(), int(storage::Role::Admin));
        // WHEN the only admin is made a viewer
        choose(role, storage::Role::Viewer);
        QVERIFY(saved(*m_window));
        // THEN it is refused, said, and the dialog shows the role she still has
        QTRY_VERIFY(m_window->findChild<QMessageBox *>(QStringLiteral("notSavedMessage")));
        QCOMPARE(stored(QStringLiteral("alice"))->role, storage::Role::Admin);
        QTRY_COMPARE(role->currentData().toInt(), int(storage::Role::Admin));
    }

    void shouldSetTheRoleOthersJoinWith()
    {
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        auto *dialog = openMembers();
        QVERIFY(dialog);
        auto *joining = dialog->findChild<QComboBox *>(QStringLiteral("joiningRole"));
        QCOMPARE(joining->currentData().toString(), QStringLiteral("editor"));
        chooseEntry(joining, joining->findData(QStringLiteral("viewer")));
        QVERIFY(saved(*m_window));
        QTRY_COMPARE(storeAs()->setting(QStringLiteral("default_role")).value(), QStringLiteral("viewer"));
        // AND someone new who opens the board now only looks
        auto newcomer = storeAs(QStringLiteral("zoe"));
        QCOMPARE(newcomer->role(), storage::Role::Viewer);
        newcomer.reset();
        chooseEntry(joining, joining->findData(QStringLiteral("editor")));
        QVERIFY(saved(*m_window));
        QTRY_COMPARE(storeAs()->setting(QStringLiteral("default_role")).value(), QStringLiteral("editor"));
    }

    void shouldOnlyShowMembersToOthers_data()
    {
        QTest::addColumn<QString>("login");
        QTest::newRow("an editor") << QStringLiteral("ben");
        QTest::newRow("a viewer") << QStringLiteral("margaret");
    }

    void shouldOnlyShowMembersToOthers()
    {
        QFETCH(QString, login);
        m_window = std::make_unique<app::MainWindow>(storeAs(login));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        auto *dialog = openMembers();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QTableView *>(QStringLiteral("membersTable"))->model()->rowCount(), 5);
        for (const char *name : {"memberRole", "newMemberRole", "joiningRole"})
            QVERIFY2(!dialog->findChild<QComboBox *>(QLatin1String(name))->isEnabled(), name);
        for (const char *name : {"addMember", "removeMember"})
            QVERIFY2(!dialog->findChild<QPushButton *>(QLatin1String(name))->isEnabled(), name);
        QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("newMemberLogin"))->isEnabled());
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("membersNote"))->text(),
                 QStringLiteral("Only the board's admins change its members."));
    }
};

QTEST_MAIN(tst_MembersDialog)
#include "tst_membersdialog.moc"
