# A process whose first thread ends before its last, as a JVM's can when it is stopped or killed: the process holds its
# sockets and files until its last thread ends, while /proc already shows its pid's state as Z (zombie).
# Arguments: now|on-term (end the first thread at once, or at SIGTERM), seconds the last thread lives on, then any
# words (the supervisor recognises a part by its command line).
import ctypes
import signal
import socket
import sys
import threading
import time

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
print(listener.getsockname()[1], flush=True)
lingers = float(sys.argv[2])


def end_first_thread(*_):
    threading.Thread(target=time.sleep, args=(lingers,)).start()  # keeps the process, and so the listener, alive
    ctypes.CDLL(None).pthread_exit(None)


signal.signal(signal.SIGTERM, end_first_thread)
if sys.argv[1] == "now":
    end_first_thread()
while True:
    time.sleep(1)
