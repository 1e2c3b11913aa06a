module example.com/confkit

go 1.19
