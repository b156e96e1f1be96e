// SPDX-License-Identifier: GPL-3.0-or-later
#include "labelsdialog.h"

#include <board/actions/boardactions.h>
#include <board/model/boardmodel.h>
#include <board/model/labelmodel.h>
#include <board/widgets/common/characterlimit.h>
#include <board/widgets/common/shortcuts.h>
#include <storage/boardstore.h>

#include <QAction>
#include <QColorDialog>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPixmap>
#include <QPointer>
#include <QPushButton>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace hb::board {

LabelsDialog::LabelsDialog(BoardActions &actions, QWidget *parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_model(new LabelModel(actions.model(), this))
{
    setObjectName(QStringLiteral("labelsDialog"));
    setWindowTitle(tr("Labels"));
    m_model->setRenameHandler([this](qint64 id, const QString &name) { return m_actions.renameLabel(id, name); });

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Labels are shared by every card of the board."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *body = new QGridLayout;
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("labelList"));
    m_list->setModel(m_model);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setUniformItemSizes(true);
    m_list->setAccessibleName(tr("Labels"));
    m_list->installEventFilter(this);
    body->addWidget(m_list, 0, 0, 4, 1);
    m_rename = new QPushButton(tr("&Rename"), this);
    m_rename->setObjectName(QStringLiteral("renameLabel"));
    m_rename->setToolTip(tr("Rename the label (F2)"));
    connect(m_rename, &QPushButton::clicked, this, [this] { m_list->edit(m_list->currentIndex()); });
    body->addWidget(m_rename, 0, 1);
    m_color = new QToolButton(this);
    m_color->setObjectName(QStringLiteral("colorLabel"));
    m_color->setText(tr("&Colour"));
    m_color->setPopupMode(QToolButton::InstantPopup);
    m_color->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *colors = new QMenu(m_color);
    colors->setObjectName(QStringLiteral("colorMenu"));
    for (const auto &[name, color] : LabelModel::palette()) {
        QPixmap swatch(16, 16);
        swatch.fill(QColor(color));
        QAction *action = colors->addAction(QIcon(swatch), name);
        action->setData(color);
        connect(action, &QAction::triggered, this, [this, color] { recolorCurrent(color); });
    }
    colors->addSeparator();
    colors->addAction(tr("Other…"), this, &LabelsDialog::pickOtherColor);
    m_color->setMenu(colors);
    body->addWidget(m_color, 1, 1);
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteLabel"));
    m_delete->setToolTip(tr("Delete the label and take it off its cards (Delete; Ctrl+Z brings it back)"));
    connect(m_delete, &QPushButton::clicked, this, &LabelsDialog::deleteCurrent);
    body->addWidget(m_delete, 2, 1);
    body->setRowStretch(3, 1);
    layout->addLayout(body, 1);

    auto *addRow = new QHBoxLayout;
    m_newName = new QLineEdit(this);
    m_newName->setObjectName(QStringLiteral("newLabelName"));
    m_newName->setPlaceholderText(tr("New label name"));
    CharacterLimit::apply(m_newName, storage::BoardStore::s_maxLabelNameLength);
    connect(m_newName, &QLineEdit::returnPressed, this, &LabelsDialog::addLabel);
    addRow->addWidget(m_newName, 1);
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(QStringLiteral("addLabel"));
    m_add->setAutoDefault(false);
    connect(m_add, &QPushButton::clicked, this, &LabelsDialog::addLabel);
    connect(m_newName, &QLineEdit::textChanged, this, &LabelsDialog::updateButtons);
    addRow->addWidget(m_add);
    layout->addLayout(addRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    for (QPushButton *button : {m_rename, m_delete})
        button->setAutoDefault(false);

    // Undo and redo here as on the board: the same steps, the same stack.
    QAction *undo = actions.undoStack().createUndoAction(this);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = actions.undoStack().createRedoAction(this);
    redo->setShortcuts(redoShortcuts());
    addAction(undo);
    addAction(redo);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &LabelsDialog::updateButtons);
    // The model changes row by row, so the selection follows the label; a deleted one's neighbour takes it.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LabelsDialog::updateButtons);
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0));
    updateButtons();
    resize(420, 380);
}

LabelsDialog::~LabelsDialog() = default;

void LabelsDialog::selectLabel(qint64 id)
{
    const int row = m_model->row(id);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
}

bool LabelsDialog::eventFilter(QObject *watched, QEvent *event)
{
    // While a name is edited, its editor has the keys: Delete reaches the list only when nothing is edited.
    if (watched == m_list && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Delete) {
        deleteCurrent();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

qint64 LabelsDialog::currentId() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? m_model->idAt(current.row()) : 0;
}

void LabelsDialog::addLabel()
{
    const QString name = m_newName->text().trimmed();
    if (name.isEmpty())
        return;
    // Taken at once; selected when saved. Refused names (a duplicate) stay in the field.
    // The dialog may be closed (and gone) by the time the label is saved.
    QStringList taken;
    for (const storage::Label &label : m_actions.model().labels())
        taken << label.color;
    if (m_actions.createLabel(name, LabelModel::suggestedColor(name, taken),
                              [dialog = QPointer<LabelsDialog>(this)](qint64 id) {
                                  if (id && dialog)
                                      dialog->selectLabel(id);
                              })) {
        m_newName->clear();
    }
}

void LabelsDialog::deleteCurrent()
{
    const qint64 id = currentId();
    if (!id)
        return;
    m_actions.deleteLabel(id);
}

void LabelsDialog::recolorCurrent(const QString &color)
{
    if (const qint64 id = currentId())
        m_actions.recolorLabel(id, color);
}

void LabelsDialog::pickOtherColor()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const QColor chosen = QColorDialog::getColor(QColor(current.data(LabelModel::ColorRole).toString()), this,
                                                 tr("Colour of “%1”").arg(current.data().toString()));
    if (chosen.isValid())
        recolorCurrent(chosen.name(QColor::HexRgb));
}

void LabelsDialog::updateButtons()
{
    const bool selected = m_list->currentIndex().isValid();
    m_rename->setEnabled(selected);
    m_color->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_add->setEnabled(!m_newName->text().trimmed().isEmpty());
}

} // namespace hb::board
