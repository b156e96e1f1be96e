// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editorparts.h"

#include <storage/records.h>

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardActions;
class BoardModel;
class LabelButton;
class LabelsDialog;

/**
 * The card editor's fields: priority, status, assignee, due date, requester, channel and labels. A choice is saved
 * when made, the requester when the field is left, each as an undo step; the labels menu stays open while labels are
 * ticked, and makes or manages labels too. A line under the fields says when typed text was cut at its limit.
 */
class FieldsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldsPane)

public:
    FieldsPane(BoardModel &model, editorparts::SaveCard save, QWidget *parent = nullptr);
    ~FieldsPane() override;

    /// The board the card is on; without @p actions (a viewer, a read-only file) the fields only show.
    void setBoard(storage::BoardStore *store, BoardActions *actions);
    /// The card shown from now on; a requester typed for the card before is not carried over.
    void showCard(qint64 cardId);
    /// The fields as the board model has the card now; a requester being typed stays.
    void refresh(bool editable);
    /// Saves a requester typed and not saved yet.
    void commit();
    /// Says that @p fieldName was cut at @p maximum characters (the title says it here too).
    void sayCut(const QString &fieldName, qsizetype maximum);
    QLineEdit *requesterEdit() const { return m_requester; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    const storage::Card *card() const;
    void loadMembers();
    /// The Escalated button's menu: not escalated, or each target as the board last read them.
    void fillEscalationMenu();
    void showEscalation(const storage::Card &shown, bool editable);
    void saveReference();
    void saveDue();
    void showLabels();
    void fillLabelMenu();
    void newLabel();
    void manageLabels();

    BoardModel &m_model;
    editorparts::SaveCard m_save;
    storage::BoardStore *m_store = nullptr;
    BoardActions *m_actions = nullptr;
    qint64 m_cardId = 0;
    /// What the requester showed when typing began.
    storage::CardPatch m_typedFrom;

    QComboBox *m_priority = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_assignee = nullptr;
    QCheckBox *m_hasDue = nullptr;
    QDateTimeEdit *m_due = nullptr;
    QLineEdit *m_requester = nullptr;
    QComboBox *m_channel = nullptr;
    LabelButton *m_labels = nullptr;
    QPushButton *m_escalation = nullptr;
    QLineEdit *m_reference = nullptr;
    QCheckBox *m_acknowledged = nullptr;
    QCheckBox *m_vendorResolved = nullptr;
    QCheckBox *m_firstContact = nullptr; ///< resolved at first contact
    QPointer<LabelsDialog> m_labelsDialog;
    QLabel *m_notice = nullptr;
};

} // namespace hb::board
