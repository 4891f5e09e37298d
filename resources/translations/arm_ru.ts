<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name />
    <message>
        <source>{n} s ago</source>
        <extracomment>A device is stale after this many missed heartbeats (plus a grace period). Inventory states that matter more than the contact state (an unregistered device talks too).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{n} min ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{h} h {m:02d} min ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{n} d ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Events</source>
        <comment>{lat:.5f}, {lon:.5f}</comment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Events</source>
        <comment>battery {battery} %</comment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ARM</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ARM {version}

Operator workstation of the electronic monitoring system for persons under probation control.

Data folder: {folder}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Action on the alarm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What was done or found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write the note first.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AlarmAction</name>
    <message>
        <source>Raised</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Returned to normal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Active again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Called the person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Informed the probation officer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Patrol sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shelved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unshelved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Escalated to the supervisor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AlarmDetailPane</name>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>IIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Probation officer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Court decision</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Serial</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Battery</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AlarmError</name>
    <message>
        <source>The alarm is already acknowledged.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A tamper alarm cannot be closed without a note.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write the note first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give a reason.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The alarm cannot be shelved for that long.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This kind of alarm cannot be shelved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The alarm is already shelved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The alarm is not shelved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The alarm is already closed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The alarm no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The alarm concerns no person.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AlarmKind</name>
    <message>
        <source>Away from home during curfew hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Entered an exclusion zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Left the permitted area</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bracelet strap opened</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device case opened</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Home unit moved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Home unit off mains power</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No communication from the device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Low battery</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device switched off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No satellite fix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Satellite signal jammed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device fault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Breath alcohol test failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Breath alcohol test refused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Breath alcohol test missed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Face did not match at the alcohol test</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Under supervision but not monitored</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SOS pressed on the device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Alarm reported by the device</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message>
        <source>The alarm service is not running on this desk.</source>
        <extracomment>key -&gt; panel method; documented in docs/alarms.md {"alarm_id", "person_id", "lat", "lon"}: the map centres on it (callback, future) delivered on the GUI thread</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Person or device…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All alarms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Returned to normal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shelved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;District:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Action taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shelve</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Silence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shift handover</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open: {open}, unacknowledged: {unacked}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>— escalated to the supervisor: {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All districts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select an alarm first.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AlarmPriority</name>
    <message>
        <source>Critical</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AlarmResolution</name>
    <message>
        <source>Confirmed violation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>False alarm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Technical fault</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AlarmState</name>
    <message>
        <source>Active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Returned to normal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shelved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AlarmTableModel</name>
    <message>
        <source>Priority</source>
        <extracomment>Priority colours (with a distinct icon shape each, so colour is never the only cue).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Raised</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Alarm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{text} (×{count})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shelved until {time}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UNACKNOWLEDGED</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>escalated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Acknowledged by {user} at {time}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shelve reason: {reason}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>An unexpected error occurred; the workstation keeps running and the error is logged.
{error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Part of the monitoring service ({name}) could not start and is off: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ARM cannot start</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <source>Conditional sentence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restricted freedom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Parole</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Administrative supervision</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close the alarm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>N&amp;ote (required):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Measures taken:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reported &amp;to:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reported &amp;at:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A tamper alarm cannot be closed without a note.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name whom the violation was reported to.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DeviceStatusModel</name>
    <message>
        <source>Serial</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Battery</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>— not issued —</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>◌ Stale: no contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>○ Never heard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>? Unregistered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In stock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In repair</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Written off</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DeviceStatusPanel</name>
    <message>
        <source>Filter by serial, type, holder or status…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not load devices: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{online} online, {stale} stale, {total} devices</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save as text…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>since {time}, alarms: {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>until {time}, reason: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no working device issued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the device never reported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>since {time}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save the handover report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>IncidentCause</name>
    <message>
        <source>Battery falling, then silence, then no fix: device discharged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device power and communication problems</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device tampering</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Breath alcohol test problems</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repeated exits at the edge of a zone</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JournalColumns</name>
    <message>
        <source>No.</source>
        <extracomment>Column heads and stored enum values, for lupdate (context "JournalColumns").</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detected at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>IIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Officer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Violation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detected by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measures taken</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reported to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reported at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Corrects No.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Raised at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Acknowledged at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Closed at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Closed by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issued at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Inventory No.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issued by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Returned at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Returned by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Object id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JournalFilterBar</name>
    <message>
        <source>Last 7 days</source>
        <extracomment>Which filters mean something for which journal.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This quarter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Period…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All districts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Officer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Surname or IIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>conditional sentence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>restricted freedom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>parole</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>administrative supervision</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All kinds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any resolution</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>confirmed violation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>false alarm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>technical fault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All operators</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JournalReview</name>
    <message>
        <source>Violation journal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Alarm log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device issue and return</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Audit journal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your role has no journals to review.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Excel workbook (XLSX)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PDF for printing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quarterly reconciliation act…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Monthly list for district inspectors…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verify integrity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recompute the hash chains of the journals and report the first broken link</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Journal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select an entry to see all of it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Period: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>counting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{count} entries</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (scroll for more)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{shown} shown{more}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This column cannot be sorted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Access denied: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The journal could not be read: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{rows} entries exported to {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reconciliation act saved: {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Monthly list saved: {path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verifying the journals…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All journals are intact: every hash chain verifies.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Integrity broken: {count} problem(s). First: {journal}, entry {row}: {message}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verification failed: {error}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JournalValues</name>
    <message>
        <source>conditional sentence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>restricted freedom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>parole</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>administrative supervision</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>confirmed violation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>false alarm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>technical fault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>medium</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>returned to normal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>shelved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>ARM: log in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Operator workstation of electronic monitoring</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Login:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database is not available: {error}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ARM: electronic monitoring operator workstation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Devices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reset panel layout</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About ARM</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;New person…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>● Service running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>■ Service stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Devices online: {online} of {total}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Persons: {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unacknowledged alarms: —</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unacknowledged alarms: {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings could not be saved: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“{title}” is not available: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database and service settings take effect after a restart.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ARM</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Follow</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the selected person in the centre of the map</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear selection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whole country</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;span style='color:#2e7d32'&gt;●&lt;/span&gt; normal  &lt;span style='color:#d32f2f'&gt;●&lt;/span&gt; alarm  &lt;span style='color:#8d8d8d'&gt;○&lt;/span&gt; no communication  &lt;span style='color:#f9a825'&gt;◆&lt;/span&gt; device fault  &lt;i&gt;dashed = stale position&lt;/i&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Regions of Kazakhstan (offline)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Region borders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tile server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offline tiles: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Alarm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No communication</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device fault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>exclusion zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>inclusion zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>home</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{n} s ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{n} min ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{n} h ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{n} d ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last fix: {age}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>stale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Accuracy ±{m} m</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{count} persons on the map</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Map</source>
        <extracomment>Dock areas; "center" is the central widget, "action" opens from a menu. When two panels share an area, the later one is tabbed behind this one.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Alarms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Persons</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device inventory</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Journals</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zone editor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pair a device…</source>
        <extracomment>Dialogs opened from a menu or toolbar action rather than docked.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Its module is not installed ({error}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>It failed to start: {error}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PersonCard</name>
    <message>
        <source>Person card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restrictions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recent events</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restriction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Valid from</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Valid until</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Serial</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Battery</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This person no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not load the card: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Person card: {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>under supervision</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>deregistered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>DEMO DATA</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>personal data hidden for your role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>IIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Court decision no.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Court decision date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Court</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Supervision start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Supervision end</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Home coordinates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Responsible officer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deregistered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>indefinite</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>in use</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PersonEditForm</name>
    <message>
        <source>New person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Patronymic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>IIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Court decision no.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Court decision date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Court</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Supervision start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Supervision end</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Home latitude</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Home longitude</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Responsible officer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deregistered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>set</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>12 digits</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{n} fields need correcting.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not load the person: {error}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PersonListModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Supervision ends</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demo data: a fictitious person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(deregistered)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PersonListPanel</name>
    <message>
        <source>Search by name, district or device…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New person…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not load persons: {error}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{n} persons</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PlaceholderPanel</name>
    <message>
        <source>The panel “{title}” is not available.
{reason}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Restriction</name>
    <message>
        <source>Curfew</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exclusion zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Inclusion zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Alcohol ban</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Travel permission</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>operator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>supervisor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>technician</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>administrator</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>Mon,Tue,Wed,Thu,Fri,Sat,Sun</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Alarms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time zone:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database URL:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Monitoring service:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Service URL:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Desk token:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tile server URL:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MBTiles file:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Alarm sound:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>empty: the SQLite file in the data folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In this workstation (one desk)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remote server (arm serve)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>empty: offline map only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Play a sound for new alarms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database and service changes take effect after a restart.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MBTiles file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MBTiles (*.mbtiles)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not save the settings: {error}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ShelveDialog</name>
    <message>
        <source>Shelve the alarm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{count} min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{count} h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Why the alarm may wait</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;For:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give a reason.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TrackPanel</name>
    <message>
        <source>Play</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{factor}×</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Replay speed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;span style='color:#2e7d32'&gt;●&lt;/span&gt; good fix &lt;span style='color:#f9a825'&gt;●&lt;/span&gt; poor GNSS &lt;span style='color:#ef6c00'&gt;●&lt;/span&gt; cell &lt;span style='color:#c62828'&gt;●&lt;/span&gt; no fix &lt;span style='color:#b71c1c'&gt;◉&lt;/span&gt; violation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export GPX…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export GeoJSON…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close track</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No positions in this period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export track as GPX</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GPX files (*.gpx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export track as GeoJSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GeoJSON files (*.geojson)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file could not be written: {error}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>Enter a number such as 51.12845.</source>
        <extracomment>Extra messages of this form (the core's come from db.validation).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Another person already has this IIN.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ZoneEditor</name>
    <message>
        <source>New polygon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New circle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finish shape</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close the polygon being drawn (or click its first corner)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exclusion zone (must not enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Inclusion zone (must stay inside)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> m</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tolerance around the border before a violation is raised</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>always, or e.g. Mon-Fri 22:00-06:00; Sat,Sun 00:00-24:00</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No shape yet: draw a polygon or a circle on the map.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Buffer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zones</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Click the corners on the map; click the first corner or press Finish shape to close.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Click the centre on the map, then click again at the radius.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing usable is drawn: a zone needs at least three distinct corners.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The zone's border crosses itself: move the corners so it does not.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The zone is too small (at least 100 m², or a radius of 10 m).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The zone is too large (over 50,000 km²).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A corner of the zone lies outside valid coordinates.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shape drawn, but it cannot be saved yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{value} ha</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{value} m²</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Circle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Polygon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{kind}, area {area}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give the zone a name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Schedule not understood: {detail}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The zone was not saved: see the messages above.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zone “{name}” saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The zone could not be saved: {error}</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>