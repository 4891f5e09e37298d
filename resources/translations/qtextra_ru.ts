<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that qtbase_ru.qm leaves in English. Hand-kept (see qtextra_kk.ts). -->
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>QPlatformTheme</name>
    <message><source>Don&apos;t Save</source><translation>Не сохранять</translation></message>
    <message><source>Close without Saving</source><translation>Закрыть без сохранения</translation></message>
</context>
</TS>
