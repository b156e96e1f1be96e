// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicelevelsdialog.h"

#include <board/actions/boardactions.h>
#include <board/rules/cardfields.h>
#include <board/sla/clock.h>
#include <board/sla/levels.h>
#include <board/widgets/common/busyretry.h>
#include <board/widgets/common/theme.h>
#include <storage/boardstore.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace hb::board {

namespace {

enum HolidayColumn { DateColumn, NameColumn, YearlyColumn };

const char *const s_dayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

QString dateText(QDate date)
{
    return date.toString(Qt::ISODate);
}

} // namespace

ServiceLevelsDialog::ServiceLevelsDialog(storage::BoardStore &store, BoardActions *actions, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_actions(actions)
{
    setObjectName(QStringLiteral("serviceLevelsDialog"));
    setWindowTitle(tr("Service Levels"));
    auto *layout = new QVBoxLayout(this);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("serviceLevelsNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    layout->addWidget(m_note);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("serviceLevelsTabs"));
    layout->addWidget(m_tabs, 1);

    // Targets: a row per priority, and the statuses that stop the resolution clock.
    auto *targetsPage = new QWidget(m_tabs);
    auto *targetsLayout = new QVBoxLayout(targetsPage);
    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Priority"), targetsPage), 0, 0);
    grid->addWidget(new QLabel(tr("First response within"), targetsPage), 0, 1);
    grid->addWidget(new QLabel(tr("Resolution within"), targetsPage), 0, 2);
    grid->addWidget(new QLabel(tr("Hours that count"), targetsPage), 0, 3);
    int row = 1;
    for (const storage::Priority priority : s_priorityOrder) {
        const QString key = storage::toText(priority);
        const QString name = priorityText(priority);
        TargetFields &fields = m_targets[std::size_t(priority)];
        auto *label = new QLabel(name, targetsPage);
        fields.response = new QLineEdit(targetsPage);
        fields.response->setObjectName(QStringLiteral("response_%1").arg(key));
        fields.response->setAccessibleName(tr("First-response target for %1 tickets").arg(name));
        label->setBuddy(fields.response);
        fields.resolution = new QLineEdit(targetsPage);
        fields.resolution->setObjectName(QStringLiteral("resolution_%1").arg(key));
        fields.resolution->setAccessibleName(tr("Resolution target for %1 tickets").arg(name));
        fields.allDay = new QCheckBox(tr("24x7"), targetsPage);
        fields.allDay->setObjectName(QStringLiteral("allDay_%1").arg(key));
        fields.allDay->setToolTip(tr("Every hour counts, nights, weekends and holidays too; unticked, only the "
                                     "business hours count."));
        fields.allDay->setAccessibleName(tr("%1 tickets count every hour (24x7)").arg(name));
        for (QLineEdit *edit : {fields.response, fields.resolution}) {
            edit->setPlaceholderText(tr("e.g. 4h or 1h 30m"));
            edit->setMaxLength(40);
        }
        grid->addWidget(label, row, 0);
        grid->addWidget(fields.response, row, 1);
        grid->addWidget(fields.resolution, row, 2);
        grid->addWidget(fields.allDay, row, 3);
        ++row;
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    targetsLayout->addLayout(grid);
    auto *hint = new QLabel(tr("Times are working time: 4h is four business hours (half a day of 09:00-17:00), "
                               "unless the priority is 24x7. Write them as 30m, 4h or 1h 30m."),
                            targetsPage);
    hint->setWordWrap(true);
    targetsLayout->addWidget(hint);
    targetsLayout->addSpacing(8);
    targetsLayout->addWidget(new QLabel(tr("The resolution clock stops while a ticket is:"), targetsPage));
    auto *pausing = new QHBoxLayout;
    for (const storage::StatusTag status : s_statusOrder) {
        if (status == storage::StatusTag::None)
            continue;
        auto *box = new QCheckBox(statusText(status), targetsPage);
        box->setObjectName(QStringLiteral("pauses_%1").arg(storage::toText(status)));
        m_pausing.insert(status, box);
        pausing->addWidget(box);
    }
    pausing->addStretch(1);
    targetsLayout->addLayout(pausing);
    targetsLayout->addStretch(1);
    m_tabs->addTab(targetsPage, tr("&Targets"));

    // Business hours: the time zone and each weekday's spans.
    auto *hoursPage = new QWidget(m_tabs);
    auto *hoursLayout = new QVBoxLayout(hoursPage);
    auto *form = new QFormLayout;
    m_timeZone = new QComboBox(hoursPage);
    m_timeZone->setObjectName(QStringLiteral("timeZone"));
    m_timeZone->setEditable(true);
    m_timeZone->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromUtf8(id));
    m_timeZone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_timeZone->completer()->setFilterMode(Qt::MatchContains);
    m_timeZone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    form->addRow(tr("Time &zone:"), m_timeZone);
    for (int day = 0; day < 7; ++day) {
        m_week[day] = new QLineEdit(hoursPage);
        m_week[day]->setObjectName(QStringLiteral("hours_%1").arg(QLatin1String(s_dayKeys[day])));
        m_week[day]->setPlaceholderText(tr("Closed"));
        m_week[day]->setMaxLength(200);
        form->addRow(QLocale().dayName(day + 1) + QLatin1Char(':'), m_week[day]);
    }
    hoursLayout->addLayout(form);
    auto *spansHint = new QLabel(tr("Working hours as 09:00-17:00; several apart by commas (09:00-12:00, "
                                    "13:00-17:00). A span that ends before it starts runs past midnight: 22:00-06:00 "
                                    "on Monday works into Tuesday morning, and 06:00-06:00 is a whole day from 06:00. "
                                    "Leave a day empty when "
                                    "nobody works."),
                                 hoursPage);
    spansHint->setWordWrap(true);
    hoursLayout->addWidget(spansHint);
    hoursLayout->addStretch(1);
    m_tabs->addTab(hoursPage, tr("&Business Hours"));

    // Holidays: a date, a name, once or every year.
    auto *holidaysPage = new QWidget(m_tabs);
    auto *holidaysLayout = new QVBoxLayout(holidaysPage);
    m_holidays = new QTableWidget(0, 3, holidaysPage);
    m_holidays->setObjectName(QStringLiteral("holidays"));
    m_holidays->setHorizontalHeaderLabels({tr("Date"), tr("Name"), tr("Every year")});
    m_holidays->verticalHeader()->hide();
    m_holidays->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_holidays->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_holidays->setSelectionMode(QAbstractItemView::SingleSelection);
    m_holidays->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                | QAbstractItemView::AnyKeyPressed);
    m_holidays->installEventFilter(this);
    holidaysLayout->addWidget(m_holidays, 1);
    auto *holidayButtons = new QHBoxLayout;
    m_addHoliday = new QPushButton(tr("&Add Holiday"), holidaysPage);
    m_addHoliday->setObjectName(QStringLiteral("addHoliday"));
    connect(m_addHoliday, &QPushButton::clicked, this, &ServiceLevelsDialog::addHoliday);
    m_removeHoliday = new QPushButton(tr("&Remove"), holidaysPage);
    m_removeHoliday->setObjectName(QStringLiteral("removeHoliday"));
    m_removeHoliday->setToolTip(tr("Remove the selected holiday (Delete)"));
    connect(m_removeHoliday, &QPushButton::clicked, this, &ServiceLevelsDialog::removeHoliday);
    holidayButtons->addWidget(m_addHoliday);
    holidayButtons->addWidget(m_removeHoliday);
    holidayButtons->addStretch(1);
    holidaysLayout->addLayout(holidayButtons);
    auto *holidaysHint = new QLabel(tr("Dates as 2026-12-25. A holiday takes away the working hours that start on "
                                       "it; \"Every year\" repeats it on the same day."),
                                    holidaysPage);
    holidaysHint->setWordWrap(true);
    holidaysLayout->addWidget(holidaysHint);
    m_tabs->addTab(holidaysPage, tr("&Holidays"));
    connect(m_holidays, &QTableWidget::currentCellChanged, this, &ServiceLevelsDialog::updateControls);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("serviceLevelsError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, theme::onBase(theme::Mark::Danger, palette()));
    m_error->setPalette(errorPalette);
    m_error->hide();
    layout->addWidget(m_error);

    // Who may change them is known now: the dialog goes with the board it was opened on.
    m_buttons = new QDialogButtonBox(
            canManage() ? QDialogButtonBox::Save | QDialogButtonBox::Cancel : QDialogButtonBox::Close, this);
    if (QPushButton *saveButton = m_buttons->button(QDialogButtonBox::Save))
        saveButton->setObjectName(QStringLiteral("saveServiceLevels"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ServiceLevelsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    resize(640, 480);
    reload();
}

ServiceLevelsDialog::~ServiceLevelsDialog() = default;

bool ServiceLevelsDialog::canManage() const
{
    return m_actions && m_store.role() == storage::Role::Admin;
}

void ServiceLevelsDialog::reload()
{
    // A save still on its way belongs to what was shown before: its outcome no longer closes or marks this.
    ++m_shown;
    m_saving = false;
    m_error->hide();
    auto levels = m_store.serviceLevels();
    if (!levels) {
        // Nothing to show, and nothing to save over: Save waits for a read (a colleague's save keeps the file busy
        // a moment; it is read again then).
        m_version = -1;
        refuse(tr("The service levels could not be read: %1").arg(levels.error().message));
        updateControls();
        if (foundBusy(levels)) {
            QTimer::singleShot(s_busyRetryMs, this, [this] {
                if (isVisible() && m_version < 0)
                    reload();
            });
        }
        return;
    }
    m_version = levels->version;
    auto policy = sla::policyFromJson(levels->policy);
    auto calendar = sla::calendarFromJson(levels->calendar);
    showLevels(policy ? *policy : sla::Policy::defaults(), calendar ? *calendar : sla::Calendar::officeHours());
    if (!policy || !calendar)
        refuse(tr("The board's service levels cannot be read (%1): the defaults are shown, and saving replaces them.")
                       .arg(!policy ? policy.error().message : calendar.error().message));
    updateControls();
}

void ServiceLevelsDialog::showLevels(const sla::Policy &policy, const sla::Calendar &calendar)
{
    for (const storage::Priority priority : s_priorityOrder) {
        const sla::Target &target = policy.target(priority);
        TargetFields &fields = m_targets[std::size_t(priority)];
        fields.response->setText(sla::durationText(target.responseMs));
        fields.resolution->setText(sla::durationText(target.resolutionMs));
        fields.allDay->setChecked(target.allDay);
    }
    for (auto it = m_pausing.cbegin(); it != m_pausing.cend(); ++it)
        it.value()->setChecked(policy.pauses(it.key()));
    m_timeZone->setCurrentText(QString::fromUtf8(calendar.timeZone));
    for (int day = 0; day < 7; ++day)
        m_week[day]->setText(sla::spansText(calendar.week[day]));
    m_holidays->setRowCount(0);
    for (const sla::Holiday &holiday : calendar.holidays) {
        addHoliday();
        const int last = m_holidays->rowCount() - 1;
        m_holidays->item(last, DateColumn)->setText(dateText(holiday.date));
        m_holidays->item(last, NameColumn)->setText(holiday.name);
        m_holidays->item(last, YearlyColumn)->setCheckState(holiday.yearly ? Qt::Checked : Qt::Unchecked);
    }
    m_holidays->setCurrentCell(-1, -1);
}

void ServiceLevelsDialog::updateControls()
{
    const bool manage = canManage();
    for (const TargetFields &fields : m_targets) {
        fields.response->setReadOnly(!manage);
        fields.resolution->setReadOnly(!manage);
        fields.allDay->setEnabled(manage);
    }
    for (QCheckBox *box : std::as_const(m_pausing))
        box->setEnabled(manage);
    m_timeZone->setEnabled(manage);
    for (QLineEdit *edit : m_week)
        edit->setReadOnly(!manage);
    m_holidays->setEditTriggers(manage ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                                 | QAbstractItemView::AnyKeyPressed
                                       : QAbstractItemView::NoEditTriggers);
    m_addHoliday->setEnabled(manage);
    m_removeHoliday->setEnabled(manage && m_holidays->currentRow() >= 0);
    if (QPushButton *saveButton = m_buttons->button(QDialogButtonBox::Save))
        saveButton->setEnabled(!m_saving && m_version >= 0);
    m_note->setText(manage ? tr("What the help desk promises, per priority. A change applies to open tickets "
                                "at once; resolved ones keep the result they had.")
                           : tr("Only the board's admins change the service levels."));
}

void ServiceLevelsDialog::addHoliday()
{
    const int row = m_holidays->rowCount();
    m_holidays->insertRow(row);
    auto *date = new QTableWidgetItem(dateText(QDate::currentDate()));
    date->setData(Qt::AccessibleTextRole, tr("Date"));
    m_holidays->setItem(row, DateColumn, date);
    m_holidays->setItem(row, NameColumn, new QTableWidgetItem);
    auto *yearly = new QTableWidgetItem;
    yearly->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    yearly->setCheckState(Qt::Unchecked);
    m_holidays->setItem(row, YearlyColumn, yearly);
    m_holidays->setCurrentCell(row, DateColumn);
    updateControls();
}

void ServiceLevelsDialog::removeHoliday()
{
    const int row = m_holidays->currentRow();
    if (!canManage() || row < 0)
        return;
    m_holidays->removeRow(row);
    updateControls();
}

void ServiceLevelsDialog::refuse(const QString &message, QWidget *field)
{
    m_error->setText(message);
    m_error->show();
    if (!field)
        return;
    for (int tab = 0; tab < m_tabs->count(); ++tab) {
        if (m_tabs->widget(tab)->isAncestorOf(field))
            m_tabs->setCurrentIndex(tab);
    }
    field->setFocus(Qt::OtherFocusReason);
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        edit->selectAll();
}

std::optional<std::pair<sla::Policy, sla::Calendar>> ServiceLevelsDialog::typed()
{
    sla::Policy policy;
    for (const storage::Priority priority : s_priorityOrder) {
        const TargetFields &fields = m_targets[std::size_t(priority)];
        sla::Target &target = policy.targets[std::size_t(priority)];
        const QString name = priorityText(priority);
        auto response = sla::durationFromText(fields.response->text());
        if (!response) {
            refuse(tr("First response for %1 tickets: %2").arg(name, response.error().message), fields.response);
            return std::nullopt;
        }
        auto resolution = sla::durationFromText(fields.resolution->text());
        if (!resolution) {
            refuse(tr("Resolution for %1 tickets: %2").arg(name, resolution.error().message), fields.resolution);
            return std::nullopt;
        }
        target = {*response, *resolution, fields.allDay->isChecked()};
    }
    for (auto it = m_pausing.cbegin(); it != m_pausing.cend(); ++it) {
        if (it.value()->isChecked())
            policy.pausing.insert(it.key());
    }

    sla::Calendar calendar;
    calendar.timeZone = m_timeZone->currentText().trimmed().toUtf8();
    if (calendar.timeZone.isEmpty() || !QTimeZone(calendar.timeZone).isValid()) {
        refuse(tr("“%1” is not a time zone this computer knows: pick one from the list (such as Europe/Madrid or "
                  "America/Sao_Paulo).")
                       .arg(m_timeZone->currentText().trimmed()),
               m_timeZone);
        return std::nullopt;
    }
    for (int day = 0; day < 7; ++day) {
        auto spans = sla::spansFromText(m_week[day]->text());
        if (!spans) {
            refuse(tr("%1: %2").arg(QLocale().dayName(day + 1), spans.error().message), m_week[day]);
            return std::nullopt;
        }
        calendar.week[day] = *spans;
    }
    for (int row = 0; row < m_holidays->rowCount(); ++row) {
        const QString text = m_holidays->item(row, DateColumn)->text().trimmed();
        const QDate date = QDate::fromString(text, Qt::ISODate);
        const QString name = m_holidays->item(row, NameColumn)->text().trimmed();
        if (!date.isValid() || name.isEmpty()) {
            m_holidays->setCurrentCell(row, !date.isValid() ? DateColumn : NameColumn);
            refuse(!date.isValid()
                           ? tr("Holiday %1: “%2” is not a date; write it as 2026-12-25.").arg(row + 1).arg(text)
                           : tr("The holiday on %1 needs a name.").arg(dateText(date)),
                   m_holidays);
            return std::nullopt;
        }
        calendar.holidays.append({date, m_holidays->item(row, YearlyColumn)->checkState() == Qt::Checked, name});
    }

    // What the values mean together: overlapping spans, a target of no time, business hours without any.
    if (const QString problem = calendar.problem(); !problem.isEmpty()) {
        // Spans that overlap: the first day whose spans overlap each other, else the first that runs into the next
        // day's.
        const auto only = [&calendar](std::initializer_list<int> days) {
            sla::Calendar part = calendar;
            part.week = {};
            for (const int day : days)
                part.week[day % 7] = calendar.week[day % 7];
            return part.problem().isEmpty();
        };
        QWidget *wrong = m_timeZone;
        for (int day = 0; day < 14 && wrong == m_timeZone; ++day) {
            if (day < 7 ? !only({day}) : !only({day - 7, day - 6}))
                wrong = m_week[day % 7];
        }
        refuse(problem, wrong);
        return std::nullopt;
    }
    if (const QString problem = policy.problem(calendar); !problem.isEmpty()) {
        // The first target the problem is about, in the order problem() looks: the field that has to change.
        QWidget *wrong = nullptr;
        for (const storage::Priority priority : s_priorityOrder) {
            const TargetFields &fields = m_targets[std::size_t(priority)];
            const sla::Target &target = policy.target(priority);
            if (target.responseMs <= 0)
                wrong = fields.response;
            else if (target.resolutionMs <= 0 || target.resolutionMs < target.responseMs)
                wrong = fields.resolution;
            else if (!target.allDay && !calendar.hasWorkingTime())
                wrong = fields.allDay;
            if (wrong)
                break;
        }
        refuse(problem, wrong);
        return std::nullopt;
    }
    m_error->hide();
    return std::make_pair(std::move(policy), std::move(calendar));
}

void ServiceLevelsDialog::save()
{
    if (!canManage() || m_saving || m_version < 0)
        return; // never over levels not read: a save without a version would replace them unseen
    const auto levels = typed();
    if (!levels)
        return;
    m_saving = true;
    updateControls();
    const QByteArray policy = sla::policyToJson(levels->first);
    const QByteArray calendar = sla::calendarToJson(levels->second);
    const qint64 version = m_version;
    m_actions->save(
            {},
            [policy, calendar, version](storage::BoardStore &store) {
                auto saved = store.setServiceLevels(policy, calendar, version);
                return Saved(saved ? storage::Status() : storage::Status(saved.error()));
            },
            [self = QPointer<ServiceLevelsDialog>(this), shown = m_shown](const Saved &saved) {
                if (self && self->m_shown == shown)
                    self->saved(saved.status);
            });
}

void ServiceLevelsDialog::saved(const storage::Status &status)
{
    m_saving = false;
    updateControls();
    if (status) {
        accept();
        return;
    }
    // Said by the window too (a box); here, what to do next. What was typed stays.
    if (status.error().kind == storage::ErrorKind::Conflict) {
        if (auto current = m_store.serviceLevels())
            m_version = current->version;
        updateControls();
        refuse(tr("Someone else saved the service levels while you were editing them. Save again to replace theirs "
                  "with yours, or Cancel to keep theirs."));
    } else {
        refuse(tr("Not saved: %1").arg(status.error().message));
    }
}

bool ServiceLevelsDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_holidays && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Delete) {
        removeHoliday();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace hb::board
