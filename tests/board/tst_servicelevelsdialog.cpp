// SPDX-License-Identifier: GPL-3.0-or-later
// The Service Levels dialog (Board > Service Levels…), driven with keys: an admin changes targets, pausing statuses,
// business hours and holidays and saves them; every input that cannot be used is refused with a message, the focus on
// the field, and nothing saved; a colleague's save meanwhile is said; anyone else only looks. And the alerts a change
// of the levels brings about.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <board/model/boardmodel.h>
#include <board/model/slaalerts.h>
#include <board/widgets/board/boardview.h>
#include <board/sla/levels.h>
#include <board/widgets/dialogs/servicelevelsdialog.h>
#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QDir>
#include <QListView>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 s_minute = 60'000;

} // namespace

class tst_ServiceLevelsDialog : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<app::MainWindow> m_window;

    board::ServiceLevelsDialog *openLevels() const
    {
        auto *show = m_window->findChild<QAction *>(u"showServiceLevels"_s);
        if (!show)
            return nullptr;
        show->trigger();
        auto *dialog = m_window->findChild<board::ServiceLevelsDialog *>(u"serviceLevelsDialog"_s);
        if (!dialog || !QTest::qWaitForWindowExposed(dialog))
            return nullptr;
        QApplication::setActiveWindow(dialog); // the offscreen platform does not activate a second window itself
        return QTest::qWaitForWindowActive(dialog) ? dialog : nullptr;
    }

    storage::ServiceLevels stored() const { return storeAs()->serviceLevels().value(); }

    /// Replaces what @p edit holds with @p text, as a person does: select all, type.
    static void retype(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    /// Types @p text into the current cell of @p table: F2, select all, type, Enter.
    static void typeInCell(QTableWidget *table, const QString &text)
    {
        table->setFocus();
        QTest::keyClick(table, Qt::Key_F2);
        auto *editor = qobject_cast<QLineEdit *>(table->window()->focusWidget());
        QVERIFY(editor);
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
    }

    /// Presses the dialog's Save button with the keyboard.
    static void pressSave(board::ServiceLevelsDialog *dialog)
    {
        auto *save = dialog->findChild<QPushButton *>(u"saveServiceLevels"_s);
        QVERIFY(save);
        save->setFocus();
        QTest::keyClick(save, Qt::Key_Space);
    }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void cleanup() { m_window.reset(); }

    void shouldShowTheBoardsServiceLevels()
    {
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        auto *dialog = openLevels();
        QVERIFY(dialog);
        // The defaults of a new board, as people write them
        QCOMPARE(dialog->findChild<QLineEdit *>(u"response_critical"_s)->text(), u"30m"_s);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"resolution_critical"_s)->text(), u"4h"_s);
        QVERIFY(dialog->findChild<QCheckBox *>(u"allDay_critical"_s)->isChecked());
        QCOMPARE(dialog->findChild<QLineEdit *>(u"resolution_low"_s)->text(), u"80h"_s);
        QVERIFY(!dialog->findChild<QCheckBox *>(u"allDay_low"_s)->isChecked());
        QVERIFY(dialog->findChild<QCheckBox *>(u"pauses_waiting-vendor"_s)->isChecked());
        QVERIFY(!dialog->findChild<QCheckBox *>(u"pauses_blocked"_s)->isChecked());
        QCOMPARE(dialog->findChild<QLineEdit *>(u"hours_mon"_s)->text(), u"09:00-17:00"_s);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"hours_sun"_s)->text(), QString());
        QVERIFY(dialog->findChild<QPushButton *>(u"saveServiceLevels"_s));
        QVERIFY(dialog->findChild<QLabel *>(u"serviceLevelsError"_s)->isHidden());
    }

    void shouldSaveWhatAnAdminTypes()
    {
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        auto *dialog = openLevels();
        QVERIFY(dialog);
        const qint64 version = stored().version;
        const qint64 seq = storeAs()->lastEventSeq().value();

        // WHEN high tickets get 45 minutes to answer, every hour counting, and Blocked pauses too
        retype(dialog->findChild<QLineEdit *>(u"response_high"_s), u"45m"_s);
        auto *allDay = dialog->findChild<QCheckBox *>(u"allDay_high"_s);
        allDay->setFocus();
        QTest::keyClick(allDay, Qt::Key_Space);
        auto *blocked = dialog->findChild<QCheckBox *>(u"pauses_blocked"_s);
        blocked->setFocus();
        QTest::keyClick(blocked, Qt::Key_Space);
        // AND the desk moves to Madrid, works Saturday mornings and a Sunday night shift
        auto *zone = dialog->findChild<QComboBox *>(u"timeZone"_s);
        retype(zone->lineEdit(), u"Europe/Madrid"_s);
        retype(dialog->findChild<QLineEdit *>(u"hours_sat"_s), u"10:00-14:00"_s);
        retype(dialog->findChild<QLineEdit *>(u"hours_sun"_s), u"22:00-06:00"_s);
        // AND takes Christmas off every year
        auto *holidays = dialog->findChild<QTableWidget *>(u"holidays"_s);
        auto *add = dialog->findChild<QPushButton *>(u"addHoliday"_s);
        add->setFocus();
        QTest::keyClick(add, Qt::Key_Space);
        QCOMPARE(holidays->rowCount(), 1);
        typeInCell(holidays, u"2026-12-25"_s);
        holidays->setCurrentCell(0, 1);
        typeInCell(holidays, u"Christmas <b>Day</b>"_s);
        holidays->setCurrentCell(0, 2);
        QTest::keyClick(holidays, Qt::Key_Space);
        QCOMPARE(holidays->item(0, 2)->checkState(), Qt::Checked);
        pressSave(dialog);

        // THEN it is saved as typed, once, and the dialog closes
        QVERIFY(saved(*m_window));
        QTRY_VERIFY(!dialog->isVisible());
        const storage::ServiceLevels levels = stored();
        QCOMPARE(levels.version, version + 1);
        const board::sla::Policy policy = board::sla::policyFromJson(levels.policy).value();
        QCOMPARE(policy.target(storage::Priority::High).responseMs, 45 * s_minute);
        QVERIFY(policy.target(storage::Priority::High).allDay);
        QCOMPARE(policy.target(storage::Priority::High).resolutionMs, 8 * 60 * s_minute);
        QCOMPARE(policy.target(storage::Priority::Normal),
                 board::sla::Policy::defaults().target(storage::Priority::Normal));
        QVERIFY(policy.pauses(storage::StatusTag::Blocked));
        QVERIFY(policy.pauses(storage::StatusTag::WaitingRequester));
        const board::sla::Calendar calendar = board::sla::calendarFromJson(levels.calendar).value();
        QCOMPARE(calendar.timeZone, QByteArray("Europe/Madrid"));
        QCOMPARE(calendar.week[5], (QList<board::sla::Span>{{600, 240}}));
        QCOMPARE(calendar.week[6], (QList<board::sla::Span>{{1320, 480}}));
        QCOMPARE(calendar.week[0], (QList<board::sla::Span>{{540, 480}}));
        QCOMPARE(calendar.holidays.size(), 1);
        QCOMPARE(calendar.holidays[0].date, QDate(2026, 12, 25));
        QCOMPARE(calendar.holidays[0].name, u"Christmas <b>Day</b>"_s);
        QVERIFY(calendar.holidays[0].yearly);
        int changes = 0;
        for (const storage::Event &event : storeAs()->eventsSince(seq).value())
            changes += event.kind == storage::eventkind::ServiceLevelsChanged ? 1 : 0;
        QCOMPARE(changes, 1);

        // AND opened again, it shows what was saved (the holiday's name as text)
        dialog = openLevels();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"response_high"_s)->text(), u"45m"_s);
        QCOMPARE(dialog->findChild<QComboBox *>(u"timeZone"_s)->currentText(), u"Europe/Madrid"_s);
        QCOMPARE(dialog->findChild<QTableWidget *>(u"holidays"_s)->item(0, 1)->text(), u"Christmas <b>Day</b>"_s);

        // AND Delete takes the holiday off again
        holidays = dialog->findChild<QTableWidget *>(u"holidays"_s);
        holidays->setCurrentCell(0, 0);
        holidays->setFocus();
        QTest::keyClick(holidays, Qt::Key_Delete);
        QCOMPARE(holidays->rowCount(), 0);
        pressSave(dialog);
        QVERIFY(saved(*m_window));
        QTRY_VERIFY(!dialog->isVisible());
        QVERIFY(board::sla::calendarFromJson(stored().calendar).value().holidays.isEmpty());
        // back to the defaults, for the tests that follow
        QVERIFY(storeAs()->setServiceLevels(board::sla::policyToJson(board::sla::Policy::defaults()),
                                            board::sla::calendarToJson(board::sla::Calendar::officeHours("UTC"))));
    }

    void shouldRefuseWhatCannotBeUsed_data()
    {
        // field=text pairs typed in order, then Save; what the message says; where the focus goes.
        QTest::addColumn<QStringList>("typing");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("focus");
        QTest::newRow("a target of no time")
                << QStringList{u"response_high=0"_s} << u"must be more than no time"_s << u"response_high"_s;
        QTest::newRow("a negative target")
                << QStringList{u"resolution_low=-2h"_s} << u"must be more than no time"_s << u"resolution_low"_s;
        QTest::newRow("not a length of time") << QStringList{u"response_normal=soon"_s}
                                              << u"First response for Normal tickets: “soon”"_s << u"response_normal"_s;
        QTest::newRow("an empty target") << QStringList{u"resolution_critical="_s}
                                         << u"Resolution for Critical tickets"_s << u"resolution_critical"_s;
        QTest::newRow("resolved sooner than answered")
                << QStringList{u"resolution_high=30m"_s} << u"sooner than first answered"_s << u"resolution_high"_s;
        QTest::newRow("overlapping spans")
                << QStringList{u"hours_tue=09:00-17:00, 16:00-18:00"_s} << u"overlaps"_s << u"hours_tue"_s;
        QTest::newRow("a night shift into the next morning")
                << QStringList{u"hours_sun=20:00-10:00"_s} << u"overlaps"_s << u"hours_sun"_s;
        QTest::newRow("a span in words") << QStringList{u"hours_wed=9 to 5"_s} << u"“9 to 5” is not a working span"_s
                                         << u"hours_wed"_s;
        QTest::newRow("a whole day over the next")
                << QStringList{u"hours_thu=10:00-10:00"_s} << u"overlaps"_s << u"hours_thu"_s;
        QTest::newRow("no working time on business-hours priorities")
                << QStringList{u"hours_mon="_s, u"hours_tue="_s, u"hours_wed="_s, u"hours_thu="_s, u"hours_fri="_s}
                << u"High tickets count business hours, but the calendar has none"_s << u"allDay_high"_s;
        QTest::newRow("an unknown time zone") << QStringList{u"timeZone=Mars/Olympus_Mons"_s}
                                              << u"“Mars/Olympus_Mons” is not a time zone"_s << u"timeZone"_s;
        QTest::newRow("no time zone") << QStringList{u"timeZone="_s} << u"is not a time zone"_s << u"timeZone"_s;
        QTest::newRow("a malformed holiday date") << QStringList{u"holiday=2026-02-30|Carnival"_s}
                                                  << u"Holiday 1: “2026-02-30” is not a date"_s << u"holidays"_s;
        QTest::newRow("a holiday in another format")
                << QStringList{u"holiday=25/12/2026|Christmas"_s} << u"write it as 2026-12-25"_s << u"holidays"_s;
        QTest::newRow("a holiday without a name") << QStringList{u"holiday=2026-12-25| "_s}
                                                  << u"The holiday on 2026-12-25 needs a name"_s << u"holidays"_s;
    }

    void shouldRefuseWhatCannotBeUsed()
    {
        QFETCH(QStringList, typing);
        QFETCH(QString, message);
        QFETCH(QString, focus);
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        auto *dialog = openLevels();
        QVERIFY(dialog);
        const storage::ServiceLevels before = stored();
        const qint64 seq = storeAs()->lastEventSeq().value();
        for (const QString &step : typing) {
            const QString field = step.section(u'=', 0, 0);
            const QString text = step.section(u'=', 1);
            if (field == u"holiday") {
                auto *add = dialog->findChild<QPushButton *>(u"addHoliday"_s);
                add->setFocus();
                QTest::keyClick(add, Qt::Key_Space);
                auto *holidays = dialog->findChild<QTableWidget *>(u"holidays"_s);
                const int row = holidays->rowCount() - 1;
                holidays->setCurrentCell(row, 0);
                typeInCell(holidays, text.section(u'|', 0, 0));
                holidays->setCurrentCell(row, 1);
                typeInCell(holidays, text.section(u'|', 1));
            } else if (field == u"timeZone") {
                retype(dialog->findChild<QComboBox *>(field)->lineEdit(), text);
            } else {
                auto *edit = dialog->findChild<QLineEdit *>(field);
                QVERIFY2(edit, qPrintable(field));
                retype(edit, text);
            }
        }
        pressSave(dialog);

        // THEN it says what is wrong, points at it, stays open, and the file has what it had
        auto *error = dialog->findChild<QLabel *>(u"serviceLevelsError"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(message), qPrintable(error->text()));
        QWidget *focused = dialog->focusWidget();
        QVERIFY(focused);
        QWidget *wanted = dialog->findChild<QWidget *>(focus);
        QVERIFY2(focused == wanted || wanted->isAncestorOf(focused),
                 qPrintable(focused->objectName() + u" has the focus"_s));
        QVERIFY(dialog->isVisible());
        QVERIFY(saved(*m_window));
        QCOMPARE(stored().version, before.version);
        QCOMPARE(stored().policy, before.policy);
        QCOMPARE(stored().calendar, before.calendar);
        QCOMPARE(storeAs()->lastEventSeq().value(), seq);
    }

    void shouldSayAColleagueSavedMeanwhile()
    {
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        auto *dialog = openLevels();
        QVERIFY(dialog);
        // GIVEN another admin's save after the dialog read the levels
        board::sla::Policy theirs = board::sla::Policy::defaults();
        theirs.targets[std::size_t(storage::Priority::Low)].responseMs = 2 * 60 * s_minute;
        const QByteArray calendar = stored().calendar;
        QVERIFY(storeAs()->setServiceLevels(board::sla::policyToJson(theirs), calendar));
        const qint64 version = stored().version;
        // WHEN this admin saves theirs over it
        retype(dialog->findChild<QLineEdit *>(u"response_normal"_s), u"3h"_s);
        pressSave(dialog);
        QVERIFY(saved(*m_window));
        // THEN nothing is overwritten unseen: it says so and stays open with what was typed
        auto *error = dialog->findChild<QLabel *>(u"serviceLevelsError"_s);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"Someone else saved the service levels"_s), qPrintable(error->text()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->findChild<QLineEdit *>(u"response_normal"_s)->text(), u"3h"_s);
        QCOMPARE(stored().version, version);
        // AND saving again, knowingly, replaces theirs
        pressSave(dialog);
        QVERIFY(saved(*m_window));
        QTRY_VERIFY(!dialog->isVisible());
        const board::sla::Policy policy = board::sla::policyFromJson(stored().policy).value();
        QCOMPARE(policy.target(storage::Priority::Normal).responseMs, 3 * 60 * s_minute);
        QCOMPARE(policy.target(storage::Priority::Low).responseMs, 8 * 60 * s_minute);
        QVERIFY(storeAs()->setServiceLevels(board::sla::policyToJson(board::sla::Policy::defaults()), calendar));
    }

    void shouldNotSaveOverLevelsItCouldNotRead()
    {
        // GIVEN a file whose service levels cannot be read (their row gone)
        const storage::ServiceLevels levels = stored();
        QVERIFY(tests::rawSql(m_board, {u"DELETE FROM service_levels"_s}).error.isEmpty());
        const auto restore = qScopeGuard([&] {
            QVERIFY(tests::rawSql(m_board,
                                  {u"INSERT INTO service_levels (id, policy, calendar, updated_at, updated_by, "
                                   "version) VALUES (1, '%1', '%2', %3, 'alice', %4)"_s
                                           .arg(QString::fromUtf8(levels.policy), QString::fromUtf8(levels.calendar))
                                           .arg(levels.updatedAt)
                                           .arg(levels.version)})
                            .error.isEmpty());
        });
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        auto *dialog = openLevels();
        QVERIFY(dialog);
        // THEN it says so, and Save stays off: nothing typed could replace what the file holds unseen
        auto *error = dialog->findChild<QLabel *>(u"serviceLevelsError"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(u"The service levels could not be read"_s), qPrintable(error->text()));
        auto *save = dialog->findChild<QPushButton *>(u"saveServiceLevels"_s);
        QVERIFY(!save->isEnabled());
        retype(dialog->findChild<QLineEdit *>(u"response_high"_s), u"45m"_s);
        QTest::keyClick(dialog->findChild<QLineEdit *>(u"response_high"_s), Qt::Key_Return);
        QVERIFY(saved(*m_window));
        QVERIFY(dialog->isVisible());
        QVERIFY(!storeAs()->serviceLevels());
    }

    void shouldAlertOnceWhenTicketsBecomeBreached()
    {
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        auto *alerts = m_window->findChild<board::SlaAlerts *>();
        QVERIFY(alerts);
        QCOMPARE(alerts->scope(), board::SlaAlerts::Scope::Mine); // the default
        // GIVEN alerts for all tickets (Board > Service Level Alerts), and the board's first clocks read
        m_window->findChild<QAction *>(u"slaAlerts_all"_s)->trigger();
        QCOMPARE(alerts->scope(), board::SlaAlerts::Scope::All);
        QCOMPARE(QSettings().value(u"alerts/sla"_s).toString(), u"all"_s);
        QTRY_VERIFY(m_window->model()->clocks(openFirstCard(*m_window)).has_value());
        QSignalSpy spy(alerts, &board::SlaAlerts::alerted);
        auto *button = m_window->findChild<QToolButton *>(u"slaAlertButton"_s);
        QVERIFY(button && !button->isVisible());

        // WHEN another admin makes every target a minute, every hour counting
        const storage::ServiceLevels levels = stored();
        const auto restore = qScopeGuard([&] {
            QVERIFY(storeAs()->setServiceLevels(levels.policy, levels.calendar));
            QSettings().remove(u"alerts/sla"_s);
        });
        board::sla::Policy strict = board::sla::Policy::defaults();
        for (board::sla::Target &target : strict.targets)
            target = {s_minute, s_minute, true};
        QVERIFY(storeAs()->setServiceLevels(board::sla::policyToJson(strict), levels.calendar));
        // THEN one alert says it, summed up, in the status bar (no tray here)
        QTRY_COMPARE(spy.count(), 1);
        const auto tickets = spy.takeFirst().at(0).value<QList<board::SlaAlerts::Ticket>>();
        QVERIFY(tickets.size() > board::SlaAlerts::s_mostSaidOneByOne);
        QTRY_VERIFY(button->isVisible());
        QVERIFY2(button->text().contains(u"%1 tickets need attention: %1 breached"_s.arg(tickets.size())),
                 qPrintable(button->text()));
        // (a screenshot for people to look at, kept as a test artifact)
        QVERIFY(m_window->grab().save(QDir::current().filePath(u"sla-alert.png"_s)));
        // AND a click on it brings the first of them into view, selected
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!button->isVisible());
        auto *view = m_window->findChild<board::BoardView *>(u"boardView"_s);
        QWidget *focused = QApplication::focusWidget();
        auto *list = qobject_cast<QListView *>(focused);
        QVERIFY2(list && view->isAncestorOf(list), focused ? qPrintable(focused->objectName()) : "nothing focused");
        QCOMPARE(list->currentIndex().data(board::BoardModel::IdRole).toLongLong(), tickets.constFirst().cardId);

        // WHEN the targets are relaxed and tightened again, THEN nothing is said twice
        QVERIFY(storeAs()->setServiceLevels(levels.policy, levels.calendar));
        QVERIFY(looked(*m_window, 2));
        QVERIFY(storeAs()->setServiceLevels(board::sla::policyToJson(strict), levels.calendar));
        QVERIFY(looked(*m_window, 2));
        QCOMPARE(spy.count(), 0);
    }

    void shouldOnlyShowTheLevelsToOthers_data()
    {
        QTest::addColumn<QString>("login");
        QTest::newRow("an editor") << u"ben"_s;
        QTest::newRow("a viewer") << u"margaret"_s;
    }

    void shouldOnlyShowTheLevelsToOthers()
    {
        QFETCH(QString, login);
        m_window = std::make_unique<app::MainWindow>(storeAs(login));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        auto *dialog = openLevels();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"response_critical"_s)->text(), u"30m"_s);
        for (const char *name : {"response_critical", "resolution_low", "hours_mon"})
            QVERIFY2(dialog->findChild<QLineEdit *>(QLatin1String(name))->isReadOnly(), name);
        for (const char *name : {"allDay_high", "pauses_blocked"})
            QVERIFY2(!dialog->findChild<QCheckBox *>(QLatin1String(name))->isEnabled(), name);
        QVERIFY(!dialog->findChild<QComboBox *>(u"timeZone"_s)->isEnabled());
        QVERIFY(!dialog->findChild<QPushButton *>(u"addHoliday"_s)->isEnabled());
        QVERIFY(!dialog->findChild<QPushButton *>(u"saveServiceLevels"_s));
        QCOMPARE(dialog->findChild<QLabel *>(u"serviceLevelsNote"_s)->text(),
                 u"Only the board's admins change the service levels."_s);
    }
};

QTEST_MAIN(tst_ServiceLevelsDialog)
#include "tst_servicelevelsdialog.moc"
