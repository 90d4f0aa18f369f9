print("pipeboard")
