import socket

import pytest

from tests.conftest import NetworkForbidden


def test_opening_an_internet_socket_fails_the_test() -> None:
    with pytest.raises(NetworkForbidden):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkForbidden):
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)


def test_local_unix_sockets_still_work() -> None:
    a, b = socket.socketpair(socket.AF_UNIX)
    a.close()
    b.close()
